"""``nianbao check`` over many files: expand the arguments, check in parallel, add --parts/--roster findings."""

from __future__ import annotations

import sys
from pathlib import Path

from .files import expand
from .run import FileResult, check_files


class Refused(Exception):
    """The command cannot run as asked (Chinese message, exit code 2)."""


def gather(args) -> tuple[list[FileResult], int]:
    """The results of every file named, and the number of patterns that matched nothing."""
    expansion = expand(args.workbooks)
    for note in expansion.notes():
        sys.stderr.write(note + "\n")
    refuse_output_among_inputs(getattr(args, "output", None), expansion.files)
    parts = getattr(args, "parts", None)
    if getattr(args, "roster", None) and not parts:
        raise Refused("--roster 需与 --parts 同用：名单用于核对汇总的组成单位。")
    if parts and len(expansion.files) != 1:
        raise Refused("使用 --parts 时，只能校验一个汇总工作簿。")
    results = check_files(expansion.files, previous=args.previous, quiet=getattr(args, "quiet", False),
                          keep_data=bool(parts))
    if parts:
        from .sums import compare_with_parts

        missing = compare_with_parts(results[0], parts, args.roster, quiet=getattr(args, "quiet", False))
        return results, len(expansion.missing) + missing
    return results, len(expansion.missing)


def refuse_output_among_inputs(output, inputs) -> None:
    if not output or output == "-":
        return
    target = Path(output).absolute()
    for path in inputs:
        if Path(path).absolute() == target:
            raise Refused(f"输出文件“{output}”是要校验的文件之一，请另选文件名，以免覆盖原文件。")
