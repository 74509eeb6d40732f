"""Pagefind indexing in its own process while the build goes on (`pagefind --service`).

Pagefind's program indexes HTML it is handed over a pipe: each request is a JSON message,
base64-encoded and ended by a comma, and each answer comes back the same way (the protocol of
Pagefind's own Python and Node.js wrappers, in the pinned pagefind-bin). The records are written
to the program from a thread and its answers read by another, so the build renders its pages
while Pagefind indexes on the other core; `wait()` returns once the index is on disk.

Pagefind's Python wrapper would do the same, but it reads one answer every 0.1 s (200 s for
2000 challenges); its command-line program needs every record as a file on disk first, and
writing thousands of small files costs seconds on a busy disk.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_IN_FLIGHT = 64


class IndexingFailed(RuntimeError):
    pass


def _message(message_id: int, payload: dict[str, Any]) -> bytes:
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b","


class Indexing:
    """One Pagefind index, fed (url, html) pairs, written into `output` at the end."""

    def __init__(self, executable: Path, config: dict[str, Any], pages: Sequence[tuple[str, str]],
                 output: Path) -> None:
        self._errors: list[str] = []
        self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._said = b""  # what it printed on stderr
        self._listener = threading.Thread(target=self._listen, daemon=True)
        self._listener.start()
        self._last = len(pages) + 2  # message ids: 1 the new index, then each page, then writing
        self._written = False
        # At most this many records on their way: Pagefind would otherwise hold every one sent
        # but not yet indexed (tens of megabytes for a national catalogue).
        self._room = threading.Semaphore(_IN_FLIGHT)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._writer = threading.Thread(target=self._write, args=(config, pages, output), daemon=True)
        self._writer.start()

    def _write(self, config: dict[str, Any], pages: Sequence[tuple[str, str]], output: Path) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            # The first index of a new service has id 0; requests are handled in the order sent.
            stdin.write(_message(1, {"type": "NewIndex", "config": config}))
            for number, (url, html) in enumerate(pages, start=2):
                stdin.flush()  # what waits for room must already be on its way
                self._room.acquire()
                stdin.write(_message(number, {"type": "AddFile", "index_id": 0, "url": url, "file_path": None,
                                              "file_contents": html}))
            stdin.write(_message(self._last, {"type": "WriteFiles", "index_id": 0, "output_path": str(output)}))
            stdin.flush()
        except (OSError, ValueError):  # the program ended early: the reader says so
            pass

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        buffered = b""
        while not self._written:
            chunk = os.read(stdout.fileno(), 1 << 16)
            if not chunk:
                self._errors.append("Pagefind slutade innan sökindexet var skrivet")
                self._room.release(_IN_FLIGHT)  # the writer must not wait for answers that never come
                return
            *answers, buffered = (buffered + chunk).split(b",")
            for answer in answers:
                try:
                    self._answer(json.loads(base64.b64decode(answer)))
                except ValueError:
                    self._errors.append(f"Pagefind svarade något oväntat: {answer[:80]!r}")

    def _listen(self) -> None:
        assert self._process.stderr is not None
        self._said = self._process.stderr.read()

    def _answer(self, answer: dict[str, Any]) -> None:
        self._room.release()
        payload = answer.get("payload") or {}
        if payload.get("type") == "Error":
            self._errors.append(str(payload.get("message")))
        if answer.get("message_id") == self._last:
            self._written = True

    def wait(self) -> None:
        """Return once the index is written; raise `IndexingFailed` with Pagefind's words if not."""
        self._stop()
        if self._errors:
            first = list(dict.fromkeys(self._errors))[:5]  # one failure often fails every later request
            raise IndexingFailed("\n".join([*first, self._said.decode(errors="replace").strip()]).strip())

    def cancel(self) -> None:
        """Stop the program before it is done: the build failed, its index is not wanted."""
        self._process.kill()
        self._stop()

    def _stop(self) -> None:
        self._reader.join()
        self._writer.join()
        assert self._process.stdin is not None
        with contextlib.suppress(OSError):
            self._process.stdin.close()  # at the end of its input Pagefind exits
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._listener.join()
