"""The exercise console: a view over the engine. It shows what the engine delivers and
sends the team's actions back; it never decides anything about the exercise itself."""
