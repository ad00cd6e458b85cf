"""A click group that runs a default subcommand when its first argument names none.

``openness-kg export --format nq OUT`` runs ``export graph --format nq OUT`` while
``openness-kg export mot MODEL`` still runs the ``mot`` subcommand.
"""

from __future__ import annotations

from typing import Any

import click


class DefaultCommandGroup(click.Group):
    """``default_command``: the name of the subcommand to fall back to."""

    def __init__(self, *args: Any, default_command: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_command = default_command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if (
            self.default_command
            and args
            and args[0] not in self.commands
            and not (set(args) & set(ctx.help_option_names))
        ):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_help_text(ctx, formatter)
        if self.default_command:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(
                    f"Without a subcommand, runs `{ctx.command_path} {self.default_command}` "
                    f"(see `{ctx.command_path} {self.default_command} --help`)."
                )
