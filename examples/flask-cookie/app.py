"""flask-cookie: a Flask app with Flask's default session, a signed cookie held by the browser.

HTML login form (fields `email` and `passwd`, plus a hidden anti-CSRF token checked against the
session), login answered by a redirect, a protected page at /dashboard, logout by a link.
The whole session lives in the cookie: every replica reads it with the shared SECRET_KEY, and
logout only asks the browser to forget it, so a copy of the cookie keeps working afterwards.
"""

import hashlib
import hmac
import html
import logging
import os
import secrets
import signal
import sys
from datetime import timedelta

from flask import Flask, redirect, request, session
from werkzeug.serving import make_server

NAME = "flask-cookie"
USERS = {"alice@example.com", "bob@example.com", "carol@example.com"}


def required_env(name):
    """Secrets have no default: a missing one stops the app with one line naming it."""
    value = os.environ.get(name)
    if not value:
        sys.stderr.write(f"{NAME}: {name} is not set (no default on purpose); export it and start again\n")
        sys.exit(1)
    return value


def digest(text):
    return hashlib.sha256(text.encode()).digest()


SECRET_KEY = required_env("FLASK_SECRET_KEY")
PASSWORD_DIGEST = digest(required_env("DEMO_PASSWORD"))

app = Flask(__name__)
app.config.update(
    SECRET_KEY=SECRET_KEY,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
    PERMANENT_SESSION_LIFETIME=timedelta(minutes=30),
    MAX_CONTENT_LENGTH=4096,
)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>{title}</h1>{body}</body></html>"""


def page(title, body, status=200):
    return PAGE.format(title=html.escape(title), body=body), status, {"content-type": "text/html; charset=utf-8"}


def csrf_token():
    """One token per session, kept in the (signed) session cookie and echoed by the form."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def login_form(message="", status=200):
    notice = f'<p role="alert">{html.escape(message)}</p>' if message else ""
    form = f"""{notice}<form method="post" action="/login">
<input type="hidden" name="csrf_token" value="{html.escape(csrf_token())}">
<label>Email <input name="email" type="email" autocomplete="username"></label>
<label>Password <input name="passwd" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form>"""
    return page("Sign in", form, status)


@app.get("/health")
def health():
    return "ok", 200, {"content-type": "text/plain"}


@app.get("/login")
def login_page():
    return login_form()


@app.post("/login")
def login():
    sent = request.form.get("csrf_token", "")
    expected = session.get("csrf", "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        return login_form("The form expired or did not come from this site. Please try again.", 400)
    email = request.form.get("email", "")
    password = request.form.get("passwd", "")
    # compare_digest on fixed-length digests: the time taken says nothing about the password.
    if email not in USERS or not hmac.compare_digest(digest(password), PASSWORD_DIGEST):
        return login_form("Wrong email or password.", 401)
    session.clear()
    session["user"] = email
    session["csrf"] = secrets.token_urlsafe(32)
    session.permanent = True
    return redirect("/dashboard", code=303)


@app.get("/dashboard")
def dashboard():
    user = session.get("user")
    if not user:
        return redirect("/login", code=302)
    body = f'<p>Signed in as {html.escape(user)}</p><p><a href="/logout">Sign out</a></p>'
    return page("Dashboard", body)


@app.get("/logout")
def logout():
    # Only the browser's copy is replaced; the server keeps nothing it could delete.
    session.clear()
    return redirect("/login", code=303)


def main():
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "3000"))
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request under load
    try:
        server = make_server(host, port, app, threaded=True)
    except OSError as error:
        sys.stderr.write(f"{NAME}: cannot listen on {host}:{port}: {error.strerror or error}\n")
        sys.exit(1)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"{NAME} listening on http://{host}:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
