"""``python -m workbench``: the ``workbench`` command."""

from workbench.command import run

__all__: list[str] = []

run()
