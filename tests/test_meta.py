"""Meta-tests that stop drift: layout as the only home of addresses, rules tested, commands documented."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from generator.cli import COMMANDS, build_parser
from generator.rules import RULES
from tests.conftest import ROOT

A1_LITERAL = re.compile(r"""['"]\$?[A-Z]{1,3}\$?[1-9][0-9]{0,5}(:\$?[A-Z]{1,3}\$?[1-9][0-9]{0,5})?['"]""")


def _sources(*folders: str):
    for folder in folders:
        yield from (ROOT / folder).rglob("*.py")


def test_no_a1_address_outside_the_layout():
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group()}"
        for path in _sources("generator", "xlmacros", "tests")
        if "layout" not in path.parts
        for match in A1_LITERAL.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_a1_guard_can_fail():
    quote = '"'
    assert A1_LITERAL.search(f"cell = {quote}D12{quote}") and A1_LITERAL.search(f"ref = {quote}A1:C3{quote}")
    assert not A1_LITERAL.search('rule = "T3-BALANCE"')


@pytest.mark.parametrize("rule", [r.id for r in RULES])
def test_every_rule_has_a_test(rule):
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py")
                    if p.name != "test_meta.py")
    assert f'"{rule}"' in tests


def test_every_rule_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [r.id for r in RULES if r.id not in readme] == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example_and_a_readme_section(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args([command, "-h"])
    assert exit_info.value.code == 0
    assert "示例：" in capsys.readouterr().out
    assert f"nianbao {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_describes_the_excel_entry_points_as_they_are():
    """Every public entry point of xlmacros is named in the README, and nothing is “to be done”."""
    import xlmacros

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "后续实现" not in readme
    entry = next(line for line in readme.splitlines() if line.startswith("- `xlmacros/`"))
    for name in ("main", "validate", "generate", "clear_marks", "self_check"):
        assert callable(getattr(xlmacros, name)) and f"{name}()" in entry


def test_startup_imports_stay_light():
    code = ("import sys, generator.cli, generator.validate, generator.checks, generator.excel.reader;"
            "heavy = {'pandas', 'xlwings', 'docx', 'numpy'} & set(sys.modules); print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "python -m pytest -q"
    assert f'pip install -e ".[test]" && {command}' in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"{command} ||" in ci and 'pip install -e ".[test]"' in ci
