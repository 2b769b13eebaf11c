"""The feed in a surge: ingest, key-to-screen latency and memory at 100,000 items.

Each side runs a real headless Textual app (``App.run_test``, 120x40) in its own process,
so that its peak memory (the process's own high-water mark) is its own. Ours is one
``FeedView`` over a ``FeedModel``; the baseline is Textual's own ``Log``. Both are
pre-filled with 100,000 items, then take 10,000 more in batches of 500 (ours:
``FeedModel.apply`` of delivery events and ``FeedView.append``; the baseline:
``Log.write_lines`` of the same texts), with a pause after each batch so that the screen
really refreshes. Key latency is measured inside the app, from the key event to the end of
the next screen refresh (``FeedView.key_latencies``), over 50 presses of "down"; the
baseline is a ``Log`` scrolling one line per press, measured the same way. The figure is
the slowest press; the longest full garbage collection of each process is shown beside it,
since a press that meets one waits for it.

Targets (console issue): ingest at most 3x ``Log.write_lines``, a key press on screen
within 50 ms, peak RSS at most 500 MB.
"""

from __future__ import annotations

import gc
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import Result, percentile

INGEST_TARGET, LATENCY_TARGET_MS, RSS_TARGET_MB = 3.0, 50.0, 500
BATCH = 500
PRESSES = 50
SIZE = (120, 40)
ROOT = Path(__file__).resolve().parent.parent


def text(k: int) -> str:
    """A post of ordinary length; each differs, as in a real surge."""
    return (
        f"Melding {k}: ras ved skolen i Bakkeby kl {k // 60 % 24:02d}:{k % 60:02d}, "
        f"veien er stengt og {k % 97} biler står fast #ras #bakkeby"
    )


def _peak_rss_mb() -> float:
    """Peak resident memory of this process alone.

    On Linux, ``ru_maxrss`` carries over from the parent across fork and exec (a child of a
    300 MB process reports at least 300 MB), so the kernel's own high-water mark of this
    process's memory, VmHWM, is read instead; elsewhere ``ru_maxrss`` is the fallback
    (KiB on Linux, bytes on macOS).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class _GcWatch:
    """The longest full (generation 2) garbage collection: it stops the app meanwhile."""

    def __init__(self) -> None:
        self.count = 0
        self.longest = 0.0
        self.pauses: list[float] = []
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.count += 1
            self.pauses.append(time.perf_counter() - self._started)
            self.longest = max(self.longest, self.pauses[-1])

    def figures(self, keys_from: int) -> dict:
        """The whole run's figures, and those of the pauses since ``keys_from``."""
        during = self.pauses[keys_from:]
        return {
            "gc_full": self.count,
            "gc_longest_ms": self.longest * 1000,
            "gc_keys": len(during),
            "gc_keys_longest_ms": max(during, default=0) * 1000,
        }


def _latency_figures(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {
        "count": len(ms),
        "median_ms": statistics.median(ms),
        "p95_ms": percentile(ms, 0.95),
        "max_ms": max(ms),
    }


async def _measure_ours(prefill: int, append: int) -> dict:
    """The feed side, inside one headless app."""
    from textual.app import App, ComposeResult

    from simulator.engine.store import Event
    from simulator.tui.model import FeedItem, FeedModel
    from simulator.tui.widgets.feed import FeedView, ItemInfo

    def event(k: int) -> Event:
        author = k % 500
        return Event(
            "delivered",
            k * 0.5,
            {
                "item": f"n{k}",
                "source": "noise",
                "channel": "social",
                "kind": "post",
                "author": f"p{author}",
                "name": f"Person {author}",
                "handle": f"person{author}",
                "role": "citizen",
                "text": text(k),
                "reply_to": None,
            },
        )

    def info(item: FeedItem) -> ItemInfo:
        minutes = int(item.t) // 60
        return ItemInfo(
            f"{minutes // 60 % 24:02d}:{minutes % 60:02d}",
            item.index * 37 % 50_000,
            item.index % 400,
            item.index % 90,
        )

    class FeedApp(App):
        def __init__(self, model: FeedModel) -> None:
            super().__init__()
            self.model = model

        def compose(self) -> ComposeResult:
            yield FeedView(self.model, frozenset({"social", "news"}), info, str, id="feed")

    watch = _GcWatch()
    model = FeedModel()
    app = FeedApp(model)
    async with app.run_test(size=SIZE) as pilot:
        feed = app.query_one(FeedView)
        start = time.perf_counter()
        feed.append(model.apply(event(k) for k in range(prefill)))
        await pilot.pause()
        prefill_s = time.perf_counter() - start
        rss_prefilled = _peak_rss_mb()

        batches = [
            [event(k) for k in range(b, min(b + BATCH, prefill + append))]
            for b in range(prefill, prefill + append, BATCH)
        ]
        start = time.perf_counter()
        for batch in batches:
            feed.append(model.apply(batch))
            await pilot.pause()
        append_s = time.perf_counter() - start
        del batches
        assert len(feed.rows) == prefill + append, len(feed.rows)

        feed.focus()
        feed.action_edge(-1)  # the newest item, at the top (appends kept the old selection)
        await pilot.pause()
        feed.key_latencies.clear()
        keys_from = watch.count
        for _ in range(PRESSES):
            await pilot.press("down")
        await pilot.pause()
        assert feed.cursor == PRESSES, feed.cursor
        latencies = list(feed.key_latencies)
    return {
        "prefill_s": prefill_s,
        "append_s": append_s,
        "rss_prefilled_mb": rss_prefilled,
        "rss_mb": _peak_rss_mb(),
        **_latency_figures(latencies),
        **watch.figures(keys_from),
    }


async def _measure_log(prefill: int, append: int) -> dict:
    """The baseline side: Textual's Log, with the same texts and the same pauses."""
    from textual import events
    from textual.app import App, ComposeResult
    from textual.widgets import Log

    class TimedLog(Log):
        """A Log whose "down" scrolls one line, timed like FeedView's cursor keys."""

        def __init__(self) -> None:
            super().__init__()
            self.key_latencies: list[float] = []
            self._key_started: float | None = None

        def on_key(self, event: events.Key) -> None:
            if event.key == "down":
                self._key_started = time.perf_counter()

        def action_scroll_down(self) -> None:
            self.scroll_down(animate=False, immediate=True)
            if self._key_started is not None:
                started, self._key_started = self._key_started, None
                self.call_after_refresh(self._record, started)

        def _record(self, started: float) -> None:
            self.key_latencies.append(time.perf_counter() - started)

    class LogApp(App):
        def compose(self) -> ComposeResult:
            yield TimedLog()

    watch = _GcWatch()
    app = LogApp()
    async with app.run_test(size=SIZE) as pilot:
        log = app.query_one(TimedLog)
        start = time.perf_counter()
        log.write_lines(text(k) for k in range(prefill))
        await pilot.pause()
        prefill_s = time.perf_counter() - start
        rss_prefilled = _peak_rss_mb()

        batches = [
            [text(k) for k in range(b, min(b + BATCH, prefill + append))]
            for b in range(prefill, prefill + append, BATCH)
        ]
        start = time.perf_counter()
        for batch in batches:
            log.write_lines(batch)
            await pilot.pause()
        append_s = time.perf_counter() - start
        del batches
        assert log.line_count == prefill + append, log.line_count

        log.focus()
        log.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        keys_from = watch.count
        for _ in range(PRESSES):
            await pilot.press("down")
        await pilot.pause()
        latencies = list(log.key_latencies)
    return {
        "prefill_s": prefill_s,
        "append_s": append_s,
        "rss_prefilled_mb": rss_prefilled,
        "rss_mb": _peak_rss_mb(),
        **_latency_figures(latencies),
        **watch.figures(keys_from),
    }


def _during(side: dict) -> str:
    if not side["gc_keys"]:
        return "none while keys were pressed"
    return (
        f"{side['gc_keys']} while keys were pressed (longest {side['gc_keys_longest_ms']:.0f} ms)"
    )


def _child(side: str, prefill: int, append: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.feed", "--child", side, str(prefill), str(append)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def run(quick: bool = False) -> list[Result]:
    """Run each side in its own process; report ingest, key latency and memory."""
    prefill, append = (20_000, 2_000) if quick else (100_000, 10_000)
    ours = _child("ours", prefill, append)
    log = _child("log", prefill, append)
    at = f"at {prefill:,} items"
    return [
        Result(
            f"feed ingest {append:,} in batches of {BATCH} {at}",
            ours["append_s"],
            log["append_s"],
            "s",
            f"<= {INGEST_TARGET:g}x Log.write_lines",
            ours["append_s"] <= INGEST_TARGET * log["append_s"],
            f"pre-fill of {prefill:,}: ours {ours['prefill_s']:.2f} s, "
            f"Log {log['prefill_s']:.2f} s",
        ),
        Result(
            f"feed key-to-screen latency, max of {ours['count']} presses {at}",
            ours["max_ms"],
            log["max_ms"],
            "ms",
            f"<= {LATENCY_TARGET_MS:g} ms",
            ours["max_ms"] <= LATENCY_TARGET_MS,
            f"ours median {ours['median_ms']:.1f} ms, p95 {ours['p95_ms']:.1f} ms; "
            f"baseline Log scrolling one line: median {log['median_ms']:.1f} ms, "
            f"max {log['max_ms']:.1f} ms; full GCs (they stop the app; a key press that "
            f"meets one waits): ours {ours['gc_full']} in the run, longest "
            f"{ours['gc_longest_ms']:.0f} ms, {_during(ours)}; Log {log['gc_full']}, "
            f"longest {log['gc_longest_ms']:.0f} ms, {_during(log)}",
        ),
        Result(
            f"feed peak RSS {at} (+{append:,} appended)",
            ours["rss_mb"],
            log["rss_mb"],
            "MB",
            f"<= {RSS_TARGET_MB} MB",
            ours["rss_mb"] <= RSS_TARGET_MB,
            f"after the pre-fill: ours {ours['rss_prefilled_mb']:.0f} MB, "
            f"Log {log['rss_prefilled_mb']:.0f} MB; baseline is the Log process",
        ),
    ]


def _child_main(side: str, prefill: int, append: int) -> None:
    import asyncio

    measure = _measure_ours if side == "ours" else _measure_log
    print(json.dumps(asyncio.run(measure(prefill, append))))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child_main(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        for result in run(quick="--quick" in sys.argv):
            print(result.line())
