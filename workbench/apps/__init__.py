"""Manager and trainer apps: ``build(settings)`` returns an ipywidgets widget.

Voila only displays what a builder returns, so every app can be tested without a browser.
"""

__all__: list[str] = []
