from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from crossword_invariants import DATA

import motteruum
from motteruum.crossword import bench
from motteruum.crossword.cli import main

QUICK = ["--effort", "100000"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    source_root = Path(motteruum.__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(source_root), *sys.path])}
    return subprocess.run(
        [sys.executable, "-m", "motteruum.crossword.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def _write(tmp_path: Path, text: str, name: str = "words.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_writes_an_ipuz_file_and_prints_stats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "puzzle.ipuz"
    words = str(DATA / "et-30.txt")
    assert main([words, "--seed", "3", "-o", str(out), "--stats", "--title", "KX", *QUICK]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["kind"] == ["http://ipuz.org/crossword#1"]
    assert data["title"] == "KX"
    assert len(data["clues"]["Across"]) + len(data["clues"]["Down"]) == 30
    printed = capsys.readouterr()
    assert "words placed: 30/30" in printed.out
    assert "connected parts: 1" in printed.out
    assert "density: 0." in printed.out
    assert "crossings: " in printed.out
    assert f"grid: {data['dimensions']['width']} × {data['dimensions']['height']}" in printed.out


def test_without_output_file_the_puzzle_goes_to_stdout_and_stats_to_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(DATA / "et-20.txt"), "--seed", "1", "--stats", *QUICK]) == 0
    printed = capsys.readouterr()
    assert json.loads(printed.out)["version"] == "http://ipuz.org/v2"
    assert "words placed: 20/20" in printed.err


def test_same_seed_same_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ipuz", tmp_path / "b.ipuz"
    words = str(DATA / "en-30.txt")
    assert main([words, "--seed", "9", "-o", str(first), *QUICK]) == 0
    assert main([words, "--seed", "9", "-o", str(second), *QUICK]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_comments_blank_lines_and_tab_separated_answers(tmp_path: Path) -> None:
    words = _write(
        tmp_path,
        "# a comment\n\n  # indented comment\n"
        "kliendi teekond\tKliendi sammud ostuni\n"
        "TEENUS   Mida pakutakse\n"
        "KOGEMUS Mida klient\u00a0kogeb\n",
    )
    out = tmp_path / "p.ipuz"
    assert main([str(words), "--seed", "0", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    clues = [text for section in data["clues"].values() for _, text in section]
    assert sorted(clues) == [
        "Kliendi sammud ostuni (7, 7)",
        "Mida klient\u00a0kogeb (7)",
        "Mida pakutakse (6)",
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("TEENUS Teenus\nB2B Äri ärile\n", 2, "digit"),
        ("TEENUS Teenus\n\n# x\nKOGEMUS\n", 4, "no clue"),
        ("TEENUS Teenus\nteenus Jälle\n", 2, "repeats the answer on line 1"),
        ("E-KIRI Kiri\nEKIRI Sama\n", 2, "repeats the answer on line 1"),
        ("TEENUS Teenus\nA\tÜks täht\n", 2, "shorter than two letters"),
    ],
)
def test_bad_lines_are_reported_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, message: str
) -> None:
    words = _write(tmp_path, text)
    assert main([str(words), "--seed", "0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"crossword: error: {words}:{line}: ")
    assert message in err
    assert "Traceback" not in err


def test_invalid_utf8_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = tmp_path / "latin1.txt"
    words.write_bytes("TEENUS Teenus\nKÖÖK Köök\n".encode("latin-1"))
    assert main([str(words), "--seed", "0"]) == 1
    assert f"{words}:2: not valid UTF-8" in capsys.readouterr().err


def test_an_empty_list_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = _write(tmp_path, "# only a comment\n")
    assert main([str(words), "--seed", "0"]) == 1
    assert "no answers found" in capsys.readouterr().err


def test_unplaceable_answers_fail_unless_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = _write(tmp_path, "TEENUS Teenus\nSUUN Suund\nXYZ Tähed\n")
    out = tmp_path / "p.ipuz"
    assert main([str(words), "--seed", "0", "-o", str(out)]) == 1
    assert "'XYZ' (line 3)" in capsys.readouterr().err
    assert not out.exists()
    assert main([str(words), "--seed", "0", "-o", str(out), "--allow-unplaced"]) == 0
    assert out.exists()


def test_missing_file_exits_non_zero_without_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = _run(str(missing), "--seed", "1")
    assert result.returncode != 0
    assert f"crossword: error: {missing}: No such file or directory" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_bad_line_through_the_command(tmp_path: Path) -> None:
    words = _write(tmp_path, "TEENUS Teenus\n\nKÕNE-2 Kõne\n")
    result = _run(str(words), "--seed", "1")
    assert result.returncode == 1
    assert f"{words}:3:" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_documents_the_tab_form() -> None:
    result = _run("--help")
    assert result.returncode == 0
    assert "<TAB>" in result.stdout
    assert "(7, 7)" in result.stdout and "(6-7)" in result.stdout


def test_command_writes_stats(tmp_path: Path) -> None:
    out = tmp_path / "p.ipuz"
    result = _run(str(DATA / "et-30.txt"), "--seed", "2", "-o", str(out), "--stats", *QUICK)
    assert result.returncode == 0, result.stderr
    assert "words placed: 30/30" in result.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["dimensions"]["width"] > 0


def test_bench_reports_density_and_time(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main([str(DATA / "et-20.txt"), "--seeds", "2", "--effort", "50000"]) == 0
    out = capsys.readouterr().out
    assert "20 words, 2 seeds: density median 0." in out
    assert "all placed in one part 2/2" in out
    assert "seconds median" in out
