"""The declarative base every model inherits: naming convention, enum storage, repr."""
from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry

from govbody.core import clock

# Stable constraint names, so Alembic can find and drop them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return clock.now()


class Base(DeclarativeBase):
    # Enums are stored by their value ("standing_committee"), as VARCHAR: portable and readable.
    registry = registry(metadata=sa.MetaData(naming_convention=NAMING_CONVENTION), type_annotation_map={
        enum.Enum: sa.Enum(
            enum.Enum,
            native_enum=False,
            length=32,
            values_callable=lambda members: [m.value for m in members],
            validate_strings=True,
        ),
        dt.datetime: sa.DateTime(),
        dict: sa.JSON(),
        list: sa.JSON(),
    })

    _repr_fields: tuple[str, ...] = ("id",)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name, None)!r}" for name in self._repr_fields)
        return f"<{type(self).__name__} {fields}>"


class IdMixin:
    id: Mapped[int] = mapped_column(primary_key=True)


class TimestampMixin:
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
