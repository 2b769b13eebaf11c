"""The wall display's words: a team's situation on the room's projector."""

from __future__ import annotations

from typing import Final

from simulator.lang import Entry

WALL: Final[dict[str, Entry]] = {
    # key: (English, bokmål, nynorsk); every entry has all three, with the same placeholders
    "wall.team": ("Team {team}", "Lag {team}", "Lag {team}"),
    "wall.feed": ("Public feed", "Offentlig strøm", "Offentleg straum"),
    "wall.press": ("Press inquiries", "Pressehenvendelser", "Pressehenvendingar"),
    "wall.statements": ("Our statements", "Våre uttalelser", "Utsegnene våre"),
    "wall.answered": ("answered", "besvart", "svara"),
    "wall.no_posts": ("No posts yet.", "Ingen innlegg ennå.", "Ingen innlegg enno."),
    "wall.no_press": (
        "No inquiries yet.",
        "Ingen henvendelser ennå.",
        "Ingen henvendingar enno.",
    ),
    "wall.no_statements": (
        "No statements published yet.",
        "Ingen uttalelser er publisert ennå.",
        "Ingen utsegner er publiserte enno.",
    ),
    # The help says what no key can: what this screen is, and that it only shows.
    "wall.help": (
        "The team's wall display: what the team sees, shown to the whole room. It only "
        "shows the exercise; nothing can be done here.",
        "Lagets veggskjerm: det laget ser, vist for hele rommet. Den viser bare øvelsen; "
        "her kan ingenting gjøres.",
        "Veggskjermen til laget: det laget ser, vist for heile rommet. Han viser berre "
        "øvinga; her kan ingenting gjerast.",
    ),
    "wall.lost": (
        "Lost contact with the host: joining again by itself.",
        "Mistet kontakten med verten: kobler seg på igjen selv.",
        "Mista kontakten med verten: koplar seg på att sjølv.",
    ),
}
