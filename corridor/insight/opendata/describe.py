"""The pieces a table's description is made of: a ``Resource`` (one CSV) of
``Field``s, tied to others by ``ForeignKey``s, each text in every language."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.utils.functional import Promise
from django.utils.functional import lazy
from django.utils.translation import override

LANGUAGES = ("en", "nl")


def in_languages(text: Promise) -> dict[str, str]:
    """``text`` in each language of the portal."""
    result = {}
    for language in LANGUAGES:
        with override(language):
            result[language] = str(text)
    return result


def codes(choices) -> list[str]:
    return [code for code, _label in choices]


_percent = lazy(lambda text, values: str(text) % values, str)


def with_codes(text: Promise, choices) -> Promise:
    """``text`` with ``%(codes)s`` filled in, still translated when read."""
    return _percent(text, {"codes": ", ".join(codes(choices.choices))})


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    title: Promise
    description: Promise
    codes: list[str] | None = None
    required: bool = False

    def descriptor(self) -> dict:
        titles, descriptions = in_languages(self.title), in_languages(self.description)
        result = {
            "name": self.name,
            "type": self.type,
            "title": titles["en"],
            "description": descriptions["en"],
            "titles": titles,
            "descriptions": descriptions,
        }
        constraints = {}
        if self.codes is not None:
            constraints["enum"] = self.codes
        if self.required:
            constraints["required"] = True
        if constraints:
            result["constraints"] = constraints
        return result


@dataclass(frozen=True)
class ForeignKey:
    fields: str
    resource: str
    reference: str

    def descriptor(self) -> dict:
        return {
            "fields": [self.fields],
            "reference": {"resource": self.resource.replace("_", "-"), "fields": [self.reference]},
        }


@dataclass(frozen=True)
class Resource:
    name: str
    title: Promise
    description: Promise
    fields: list[Field]
    primary_key: list[str] = dataclass_field(default_factory=list)
    foreign_keys: list[ForeignKey] = dataclass_field(default_factory=list)

    def schema(self) -> dict:
        schema = {"fields": [f.descriptor() for f in self.fields]}
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        if self.foreign_keys:
            schema["foreignKeys"] = [fk.descriptor() for fk in self.foreign_keys]
        return schema
