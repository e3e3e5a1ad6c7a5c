"""Personal data duties of the counter (Law 91/2025/QH15, Decree 356/2025/NĐ-CP).

- `notice`: what the citizen is told before the card is read (text the province may replace);
- `retention`: how long a dossier's local files and citizen data stay after the portal has it;
- `forget`: removing one dossier's files and personal data while its pseudonymous events stay;
- `purge`: retention applied, at start and daily (`RetentionWorker`), never to an unacknowledged dossier;
- `rights`: one citizen's data exported or erased, behind the supervisor's authorisation;
- `access`: who viewed, reprinted, exported or erased which dossier, as events of the audit chain.
"""
