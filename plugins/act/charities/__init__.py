"""The "Get help" directory: needs, helplines and charities from data/referrals.yml and the
committed charity snapshot, and the refresh that renews the snapshot from CharityBase.

Builds read only the snapshot (SnapshotProvider); `act charities refresh` is the one place that
talks to CharityBase (CharityBaseProvider), and it swaps a new snapshot in only when complete.
"""
