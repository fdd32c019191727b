"""Clients are deliberately not in the admin: functional admins see no personal data
(DESIGN.md section 5). Client data is read and edited only through the client pages."""
