"""The `govbody` command: Flask's CLI with the app's own commands."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext

from govbody.core.errors import ValidationError
from govbody.extensions import db


def _create_app(*_args) -> Flask:
    from govbody import create_app

    return create_app()


main = FlaskGroup(create_app=_create_app, help="govbody: governing bodies' sessions, documents and resolutions.")


class Text(click.ParamType):
    """A text argument or option under the text rule (core.printable), as pages and the API apply it."""

    name = "text"

    def __init__(self, *, multiline: bool = False) -> None:
        self.multiline = multiline

    def convert(self, value, param, ctx):
        from govbody.core import printable

        try:
            return printable.check(value, multiline=self.multiline)
        except printable.TextRuleError as error:
            self.fail(str(error), param, ctx)


LINE = Text()


def _fail(error: ValidationError) -> None:
    db.session.rollback()
    details = "; ".join(f"{k}: {v}" for k, v in error.fields.items())
    raise click.ClickException(f"{error.message} {details}".strip())


users = click.Group("users", help="Manage user accounts.")
tokens = click.Group("tokens", help="Manage API tokens.")


@users.command("create")
@click.argument("email", type=LINE)
@click.option("--role", required=True, type=click.Choice(["admin", "secretariat", "chair", "rapporteur", "delegate"]))
@click.option("--body", "bodies", type=LINE, multiple=True,
              help="Code of a body the chair or rapporteur acts for (repeatable).")
@click.option("--delegation", type=LINE, help="Name of the delegate's delegation.")
@click.option("--password", required=True,
              help="At least 12 characters, not containing the e-mail's local part, not a common password.")
@click.option("--name", type=LINE, default="", help="The person's name.")
@with_appcontext
def create_user(email, role, bodies, delegation, password, name):
    from govbody.accounts.services import create_user as create
    from govbody.core import access

    try:
        user = create(db.session, email, role=role, password=password, body_codes=list(bodies),
                      delegation_name=delegation, name=name)
    except ValidationError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email} (id {user.id}).")
    if access.needs_second_factor(user):
        click.echo("At the first login, after the password, the account sets up its second factor "
                   "(an authenticator app).")


@users.command("reset-second-factor")
@click.argument("email")
@with_appcontext
def reset_second_factor(email):
    """Forget a user's second factor (a lost phone) and end their logins; an admin or secretariat
    account sets up a new one at its next login."""
    from govbody.accounts.services import reset_second_factor as reset

    user = _user(email)
    reset(db.session, user)
    db.session.commit()
    click.echo(f"The second factor of {user.email} was reset; every login of theirs has ended.")


def _user(email: str):
    import sqlalchemy as sa

    from govbody.accounts.models import User

    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"No user has the e-mail address {email}.")
    return user


@tokens.command("create")
@click.argument("email", type=LINE)
@click.option("--name", type=LINE, default="", help="What the token is for.")
@with_appcontext
def create_token(email, name):
    from govbody.accounts.services import create_token as create

    user = _user(email)
    token = create(db.session, user, name=name)
    db.session.commit()
    click.echo(f"API token for {user.email} (shown once; only its hash is stored):")
    click.echo(token)


@click.command("demo", help="Load the demo organisation into an empty database.")
@with_appcontext
def demo():
    from govbody import demo as demo_data

    if demo_data.already_loaded(db.session):
        click.echo("The demo data is already loaded; nothing changed.")
        return
    summary = demo_data.load(db.session)
    db.session.commit()
    click.echo("Loaded the demo data: " + ", ".join(f"{n} {what}" for what, n in summary.items()) + ".")
    click.echo("It has no accounts: make one to log in, e.g. govbody users create you@example.org --role admin "
               "--password \"pick a long passphrase\" (an admin sets up a second factor at the first login).")


@click.command("backup", help="Copy the database to PATH while the app runs.")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(path):
    from govbody.core import backup

    try:
        backup.backup(db.engine.url, path)
    except (ValueError, RuntimeError, OSError) as error:
        raise click.ClickException(str(error))
    except Exception as error:  # pg_dump's own failure, with its message
        raise click.ClickException(f"The backup failed: {getattr(error, 'stderr', b'').decode() or error}")
    click.echo(f"Backed up the database to {path}.")


@click.command("restore", help="Replace the database's content with the backup at PATH, upgraded to this "
                                "version's schema; a file that is not such a backup changes nothing.")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path, yes):
    from govbody.core import backup
    from govbody.extensions import migrate

    if not yes:
        click.confirm(f"Replace everything in the database with {path}?", abort=True)
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the old database open
    try:
        backup.restore(db.engine.url, path, migrate.get_config())
    except (ValueError, RuntimeError, OSError) as error:
        raise click.ClickException(str(error))
    except Exception as error:
        raise click.ClickException(f"The restore failed: {getattr(error, 'stderr', b'').decode() or error}")
    click.echo(f"Restored the database from {path}.")


@click.command("samples", help="Draw the first page of a sample of every kind of document into FOLDER "
                                "(default docs/samples), one PNG a kind; needs LibreOffice and poppler-utils.")
@click.argument("folder", default="docs/samples", type=click.Path(file_okay=False))
def samples_command(folder):
    from pathlib import Path

    from govbody.docx.gallery import write_gallery

    try:
        images = write_gallery(Path(folder))
    except FileNotFoundError as missing:
        raise click.ClickException(str(missing)) from None
    for image in images:
        click.echo(f"{image} ({image.stat().st_size // 1024} KB)")


@click.command("worker", help="Run a worker of the task queue (PDF renditions) until stopped: Redis when "
                              "REDIS_URL is set, else the SQLite queue in the instance folder.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Jobs run at once.")
@with_appcontext
def worker_command(workers):
    import logging

    from flask import current_app

    from govbody.core import tasks

    from govbody.core import jsonlog

    # What the worker does (each job, each retry, each row swept back) on its standard error, as JSON lines.
    jsonlog.configure(logging.INFO)
    tasks.run_worker(current_app._get_current_object(), workers=workers)


renditions = click.Group("renditions", help="PDF renditions of issued papers and adopted resolutions.")


@renditions.command("sweep", help="Send again every rendition whose worker is gone or whose message was lost.")
@with_appcontext
def renditions_sweep():
    from govbody.renditions import services

    again = services.sweep()
    click.echo(f"{len(again)} rendition(s) sent to the queue again.")


@renditions.command("request-missing", help="Ask for the PDF of every issued paper and adopted resolution "
                                            "that has none (those issued before renditions).")
@with_appcontext
def renditions_request_missing():
    from govbody.core.db import writing
    from govbody.renditions import services

    with writing():
        count = services.request_missing(db.session)
        db.session.commit()
    click.echo(f"{count} rendition(s) asked for.")


def init_app(app: Flask) -> None:
    app.cli.add_command(worker_command)
    app.cli.add_command(renditions)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(users)
    app.cli.add_command(tokens)
    app.cli.add_command(demo)
    app.cli.add_command(samples_command)


if __name__ == "__main__":
    main()
