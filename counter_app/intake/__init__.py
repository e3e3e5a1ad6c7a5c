"""The intake: `IntakeService`, one method per officer action (the window, the CLI and the
benchmarks call the same methods), and `run_headless`, the whole intake in a row that
`counter-app intake --headless` runs.

    result = run_headless(ctx, IntakeRequest(id_image=..., procedure_code="1.001193",
                                             components={"to_khai_khai_sinh": [Path(...)]}))
    result.as_dict()   # {"dossier", "portal_code", "appointment", "receipt", "timings": {..., "total"}}
"""

from counter_app.intake.headless import ApplicantRequest, IntakeRequest, IntakeResult, run_headless
from counter_app.intake.outcomes import IntakeError, TokenChoice
from counter_app.intake.service import IntakeService

__all__ = [
    "ApplicantRequest",
    "IntakeError",
    "IntakeRequest",
    "IntakeResult",
    "IntakeService",
    "TokenChoice",
    "run_headless",
]
