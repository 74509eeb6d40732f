"""Work on the machine's second core: a forked child process, its result pickled back.

The build is pure Python on one core, and a build machine has at least two. `Background` runs
one function in a forked child while this process goes on (the exports while MkDocs writes the
pages); `split_map` gives the second half of a long list to such a child (checking thousands
of challenges). The child needs nothing sent to it (it has this process's memory) and returns
its result through a pipe. Only on Linux with at least two cores; everywhere else the work is
done here, when its result is asked for, with the same result.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items forking costs more than it saves (a fork and its pickles take ~0.05 s).
MINIMUM = 200


def can_fork() -> bool:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return sys.platform == "linux" and cores >= 2


class Background(Generic[Result]):
    """function() in a forked child from now on; `result()` waits for it and returns its value.
    Without a second core it runs in `result()`, here."""

    def __init__(self, function: Callable[[], Result]) -> None:
        self._function: Callable[[], Result] | None = function
        self._child = 0
        if not can_fork():
            return
        reading, writing = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - the child's coverage is not collected
            os.close(reading)
            try:
                answer: tuple[bool, object] = (True, function())
            except BaseException:  # every failure goes back to the parent, as text
                answer = (False, traceback.format_exc())
            try:
                with os.fdopen(writing, "wb") as pipe:
                    pickle.dump(answer, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(0)
        os.close(writing)
        self._child, self._reading, self._function = child, reading, None

    def result(self) -> Result:
        if self._function is not None:
            function, self._function = self._function, None
            return function()
        with os.fdopen(self._reading, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self._child, 0)
        self._child = 0
        if not data:
            raise RuntimeError("the second process ended without an answer")
        done, value = pickle.loads(data)  # our own child's pickle, through our own pipe
        if not done:
            raise RuntimeError(f"the second process failed:\n{value}")
        return value  # type: ignore[no-any-return]

    def cancel(self) -> None:
        """Stop the child, if there is one still running; its result is not wanted."""
        self._function = None
        if self._child:
            os.kill(self._child, signal.SIGKILL)
            os.close(self._reading)
            os.waitpid(self._child, 0)
            self._child = 0


def split_map(function: Callable[[Item], Result], items: Sequence[Item], minimum: int = MINIMUM) -> list[Result]:
    """[function(item) for item in items], the second half in a forked child when worth it."""
    if len(items) < minimum or not can_fork():
        return [function(item) for item in items]
    half = (len(items) + 1) // 2
    second = Background(lambda: [function(item) for item in items[half:]])
    try:
        first = [function(item) for item in items[:half]]
    except BaseException:
        second.cancel()
        raise
    return first + second.result()
