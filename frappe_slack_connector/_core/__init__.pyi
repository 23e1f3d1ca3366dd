"""Type stub of the native module `frappe_slack_connector._core` (Rust, PyO3).

The module is one flat namespace at runtime; its stub is split by concern, one file per glue module
of rust/python/src (as pyca/cryptography's `_rust/*.pyi`). The files next to this one exist for
type checkers only: import from `frappe_slack_connector.core`, never from them.

Every export carries a docstring. Errors raised by the core are the exception classes of `errors`;
each has a stable `.reason` code meant for logs and tests.
"""

from .away import *  # noqa: F403
from .blocks import *  # noqa: F403
from .channel import *  # noqa: F403
from .delivery import *  # noqa: F403
from .digest import *  # noqa: F403
from .errors import *  # noqa: F403
from .interaction import *  # noqa: F403
from .leave import *  # noqa: F403
from .manifest import *  # noqa: F403
from .signature import *  # noqa: F403
from .socket_mode import *  # noqa: F403
from .timesheet import *  # noqa: F403
from .who import *  # noqa: F403
from .words import *  # noqa: F403

__version__: str
