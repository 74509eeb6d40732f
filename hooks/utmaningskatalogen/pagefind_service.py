"""Pagefind indexing in its own process while the build goes on (`pagefind --service`).

Pagefind's program indexes HTML it is handed over a pipe: each request is a JSON message,
base64-encoded and ended by a comma, and each answer comes back the same way (the protocol of
Pagefind's own Python and Node.js wrappers, in the pinned pagefind-bin). Records are handed in
as soon as they are known (`add`), written to the program from a thread and its answers read by
another, so the build renders its pages while Pagefind indexes on the other core. `finish()`
asks for the index; `wait()` returns once it is on disk.

The index comes back over the pipe (Pagefind's `GetFiles`) and is written here, one file after
the other, leaving out what `keep` refuses. Pagefind's own `WriteFiles` writes its thousands of
fragments from dozens of threads at once into one folder; on a two-core machine they spend
more time waiting for that folder's lock than writing, and take the time from the build.

Pagefind's Python wrapper would do the same, but it reads one answer every 0.1 s (200 s for
2000 challenges); its command-line program needs every record as a file on disk first.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import os
import pickle
import queue
import subprocess
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .parallel import Background, can_fork
from .sitefiles import write_files

_IN_FLIGHT = 64
# What the writer thread is handed after the last record: ask for the index.
_FINISH = None


class IndexingFailed(RuntimeError):
    pass


def _message(message_id: int, payload: dict[str, Any]) -> bytes:
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b","


class Indexing:
    """One Pagefind index, fed (url, html) pairs with `add`, written into `output` after `finish`."""

    def __init__(self, executable: Path, config: dict[str, Any], output: Path,
                 keep: Callable[[str], bool] = lambda _path: True) -> None:
        self._errors: list[str] = []
        self._output, self._keep = output, keep
        # One worker thread: Pagefind runs beside the build, which needs the other core for itself.
        environment = {"TOKIO_WORKER_THREADS": "1", **os.environ}
        self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
        self._said = b""  # what it printed on stderr
        self._listener = threading.Thread(target=self._listen, daemon=True)
        self._listener.start()
        self._pending: queue.SimpleQueue[tuple[str, str] | None] = queue.SimpleQueue()
        self._last: int | None = None  # the id of the request for the index, once sent
        self._written = threading.Event()
        self._finished = False
        self.files = 0
        self.bytes = 0
        # At most this many records on their way: Pagefind would otherwise hold every one sent
        # but not yet indexed (tens of megabytes for a national catalogue).
        self._room = threading.Semaphore(_IN_FLIGHT)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._writer = threading.Thread(target=self._write, args=(config,), daemon=True)
        self._writer.start()

    def add(self, pages: Iterable[tuple[str, str]]) -> None:
        """Index these pages (address from the site root, HTML) too; before `finish` only."""
        if self._finished:
            raise RuntimeError("the index has been asked for already")
        for page in pages:
            self._pending.put(page)

    def finish(self) -> None:
        """No more pages: ask for the index once every page handed in is indexed."""
        if not self._finished:
            self._finished = True
            self._pending.put(_FINISH)

    def _write(self, config: dict[str, Any]) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            # The first index of a new service has id 0; requests are handled in the order sent.
            stdin.write(_message(1, {"type": "NewIndex", "config": config}))
            number = 1
            while (page := self._pending.get()) is not _FINISH:
                url, html = page
                number += 1
                stdin.flush()  # what waits for room must already be on its way
                self._room.acquire()
                stdin.write(_message(number, {"type": "AddFile", "index_id": 0, "url": url, "file_path": None,
                                              "file_contents": html}))
            self._last = number + 1
            stdin.write(_message(self._last, {"type": "GetFiles", "index_id": 0}))
            stdin.flush()
        except (OSError, ValueError):  # the program ended early: the reader says so
            pass

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        # The answer with the index is megabytes long: its pieces are joined once, at its end.
        pieces: list[bytes] = []
        while not self._written.is_set():
            chunk = os.read(stdout.fileno(), 1 << 20)
            if not chunk:
                self._errors.append("Pagefind slutade innan sökindexet var skrivet")
                self._room.release(_IN_FLIGHT)  # the writer must not wait for answers that never come
                return
            while (end := chunk.find(b",")) >= 0:
                answer = b"".join([*pieces, chunk[:end]])
                pieces, chunk = [], chunk[end + 1:]
                try:
                    self._answer(json.loads(base64.b64decode(answer)))
                except ValueError:
                    self._errors.append(f"Pagefind svarade något oväntat: {answer[:80]!r}")
            pieces.append(chunk)

    def _listen(self) -> None:
        assert self._process.stderr is not None
        self._said = self._process.stderr.read()

    def _answer(self, answer: dict[str, Any]) -> None:
        self._room.release()
        payload = answer.get("payload") or {}
        if payload.get("type") == "Error":
            self._errors.append(str(payload.get("message")))
        if self._last is not None and answer.get("message_id") == self._last:
            if payload.get("type") == "GetFiles":
                self._save(payload["files"])
            self._written.set()

    def _save(self, files: list[dict[str, str]]) -> None:
        self.files, self.bytes = write_files(self._output, ((file["path"], base64.b64decode(file["content"]))
                                                            for file in files if self._keep(file["path"])))

    def wait(self) -> None:
        """Return once the index is written; raise `IndexingFailed` with Pagefind's words if not."""
        self.finish()
        self._stop()
        if self._errors:
            first = list(dict.fromkeys(self._errors))[:5]  # one failure often fails every later request
            raise IndexingFailed("\n".join([*first, self._said.decode(errors="replace").strip()]).strip())

    def cancel(self) -> None:
        """Stop the program before it is done: the build failed, its index is not wanted."""
        self._process.kill()
        self.finish()
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


class IndexingProcess:
    """An `Indexing` in a forked child of its own, where a second core exists: the conversation
    with Pagefind (encoding thousands of records, decoding and writing the index) then takes no
    time from the build's own process. Later records reach the child through a pipe.

    Fork this before any other child that outlives it, or that child holds the pipe open too."""

    def __init__(self, executable: Path, config: dict[str, Any], output: Path,
                 keep: Callable[[str], bool], pages: list[tuple[str, str]]) -> None:
        self.files = self.bytes = 0
        self._finished = False
        if not can_fork():
            self._here: Indexing | None = Indexing(executable, config, output, keep)
            self._here.add(pages)
            return
        self._here = None
        reading, writing = os.pipe()
        self._child = Background(functools.partial(_index_in_child, executable, config, output, keep, pages,
                                                   reading, writing))
        os.close(reading)
        self._more = os.fdopen(writing, "wb")

    def add(self, pages: Iterable[tuple[str, str]]) -> None:
        if self._finished:
            raise RuntimeError("the index has been asked for already")
        if self._here is not None:
            self._here.add(pages)
        else:
            pickle.dump(list(pages), self._more, protocol=pickle.HIGHEST_PROTOCOL)

    def finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        if self._here is not None:
            self._here.finish()
        else:
            self._more.close()  # the end of the pipe: no more pages

    def wait(self) -> None:
        """Return once the index is written; raise `IndexingFailed` with Pagefind's words if not."""
        self.finish()
        if self._here is not None:
            self._here.wait()
            self.files, self.bytes = self._here.files, self._here.bytes
            return
        failure, self.files, self.bytes = self._child.result()
        if failure:
            raise IndexingFailed(failure)

    def cancel(self) -> None:
        if self._here is not None:
            self._here.cancel()
            return
        self._child.cancel()  # Pagefind ends at the end of its input, which went with the child
        with contextlib.suppress(OSError):
            self._more.close()


def _index_in_child(executable: Path, config: dict[str, Any], output: Path, keep: Callable[[str], bool],
                    pages: list[tuple[str, str]], reading: int, writing: int) -> tuple[str, int, int]:
    """In the child: index `pages`, then those that come through the pipe until its end."""
    os.close(writing)
    indexing = Indexing(executable, config, output, keep)
    indexing.add(pages)
    with os.fdopen(reading, "rb") as more:
        while True:
            try:
                indexing.add(pickle.load(more))  # our own parent's pickles, through our own pipe
            except EOFError:
                break
    try:
        indexing.wait()
    except IndexingFailed as error:
        return str(error), 0, 0
    return "", indexing.files, indexing.bytes
