from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govbody.accounts.schemas import EMAIL_MAX, TOTP_SECRET_MAX
from govbody.core.models import Base, IdMixin, TimestampMixin, utcnow

if TYPE_CHECKING:
    from govbody.bodies.models import Body, Delegation


class Role(enum.Enum):
    admin = "admin"
    secretariat = "secretariat"
    chair = "chair"
    rapporteur = "rapporteur"
    delegate = "delegate"

    @property
    def label(self) -> str:
        return self.value.capitalize()


user_bodies = sa.Table(
    "user_bodies",
    Base.metadata,
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("body_id", sa.ForeignKey("bodies.id", ondelete="CASCADE"), primary_key=True),
)


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "users"
    _repr_fields = ("id", "email", "role")

    email: Mapped[str] = mapped_column(sa.String(EMAIL_MAX), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[Role]
    delegation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("delegations.id", ondelete="RESTRICT"))
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[dt.datetime | None]
    # The second factor (accounts/twofactor.py): a TOTP secret, in use once confirmed with a code;
    # the time step of the last code accepted, so that no code is accepted twice.
    totp_secret: Mapped[str | None] = mapped_column(sa.String(TOTP_SECRET_MAX))
    totp_confirmed_at: Mapped[dt.datetime | None]
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)

    bodies: Mapped[list[Body]] = relationship(secondary=user_bodies, order_by="Body.name")
    delegation: Mapped[Delegation | None] = relationship()
    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user", cascade="all, delete-orphan")
    logins: Mapped[list[LoginSession]] = relationship(back_populates="user", cascade="all, delete-orphan",
                                                      passive_deletes=True)
    recovery_codes: Mapped[list[RecoveryCode]] = relationship(back_populates="user", cascade="all, delete-orphan",
                                                              passive_deletes=True)

    # Flask-Login protocol, kept here so the model needs no Flask import.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    @property
    def has_second_factor(self) -> bool:
        return self.totp_secret is not None and self.totp_confirmed_at is not None

    @property
    def body_ids(self) -> frozenset[int]:
        return frozenset(b.id for b in self.bodies)


class ApiToken(IdMixin, TimestampMixin, Base):
    """A bearer token; only its SHA-256 is stored, the token itself is shown once."""

    __tablename__ = "api_tokens"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100), default="")
    last_used_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship(back_populates="tokens")


class LoginSession(Base):
    """A browser's login, kept on the server: its cookie carries a random token whose SHA-256 is
    here. Logout deletes the row, so a copy of the cookie is anonymous afterwards; logging out
    everywhere, deactivation and a new password delete the user's rows."""

    __tablename__ = "login_sessions"
    _repr_fields = ("id", "user_id", "created_at")

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)

    user: Mapped[User] = relationship(back_populates="logins")


class RecoveryCode(Base):
    """A single-use code that stands in for the authenticator once; only its SHA-256 is stored."""

    __tablename__ = "recovery_codes"
    _repr_fields = ("id", "user_id", "used_at")

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    used_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship(back_populates="recovery_codes")
