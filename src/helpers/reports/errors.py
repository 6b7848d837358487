"""The report's user-facing error."""


class ReportError(Exception):
    """A report that cannot run or did not finish; the CLI prints its message on one line."""
