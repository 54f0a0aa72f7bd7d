"""Scheduling: reporting-period rules, the working-day calendar, reporting obligations."""
