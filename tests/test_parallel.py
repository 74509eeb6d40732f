"""Half of a long list in a second process (parallel.py): the same results, and failures reported."""

from __future__ import annotations

import os

import pytest
from utmaningskatalogen import parallel
from utmaningskatalogen.parallel import split_map

needs_two_cores = pytest.mark.skipif(not parallel.can_fork(), reason="needs Linux with two cores")


def square_and_process(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


@needs_two_cores
def test_a_long_list_is_shared_with_a_second_process_and_comes_back_in_order() -> None:
    results = split_map(square_and_process, range(500))
    assert [value for value, _pid in results] == [n * n for n in range(500)]
    processes = [pid for _value, pid in results]
    assert processes[:250] == [os.getpid()] * 250
    assert len(set(processes[250:])) == 1 and processes[-1] != os.getpid()


def test_a_short_list_stays_in_this_process() -> None:
    assert split_map(square_and_process, range(10)) == [(n * n, os.getpid()) for n in range(10)]


def fails_at_400(number: int) -> int:
    if number == 400:
        raise ValueError("fel vid 400")
    return number


@needs_two_cores
def test_a_failure_in_the_second_process_is_raised_here_with_its_traceback() -> None:
    with pytest.raises(RuntimeError, match="ValueError: fel vid 400"):
        split_map(fails_at_400, range(500))


def fails_at_3(number: int) -> int:
    if number == 3:
        raise ValueError("fel vid 3")
    return number


def test_a_failure_in_this_process_is_raised_as_it_is() -> None:
    with pytest.raises(ValueError, match="fel vid 3"):
        split_map(fails_at_3, range(500))
