"""Tiếp nhận: the intake screens (citizen, procedure, components, signing and filing, receipt)."""

from ui.intake.section import IntakeSection

__all__ = ["IntakeSection"]
