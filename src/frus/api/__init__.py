"""The REST API (``/api/v1``): JSON over the same ``Corpus`` the web reader uses.

``frus.web.app.create_app`` mounts it, so ``frus serve`` serves both; the
OpenAPI document is at ``/api/openapi.json`` and its docs page at
``/api/docs``.
"""

from frus.api.problems import PROBLEMS, Problem, from_exception, problem, wants_problem
from frus.api.routes import PREFIX, build_router

__all__ = ["PREFIX", "PROBLEMS", "Problem", "build_router", "from_exception", "problem", "wants_problem"]
