"""The JSON shapes of the REST API, as pydantic models.

They document the API (OpenAPI at ``/api/openapi.json``) and check every
response against it.  A document itself is served as the model's own
``to_dict`` shape (``frus.model``), which is the stable stored form; it is
typed here as an object so the schema does not restate the data model.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from frus.api.models_links import DocumentPeople


class DocumentRef(BaseModel):
    id: str = Field(examples=["frus1969-76v12/d1"])
    number: str | None
    title: str
    url: str = Field(description="this document in the API")
    html_url: str = Field(description="this document in the web reader")


class VolumeRef(BaseModel):
    id: str
    title: str
    url: str
    html_url: str


class Hit(BaseModel):
    id: str
    volume_id: str
    number: str | None
    title: str
    date_min: str | None
    date_max: str | None
    score: float
    snippet: str = Field(description="text around the matches; matched words in <b>…</b>, the rest HTML-escaped")
    snippet_field: str = Field(description='where the snippet comes from: "body", "notes" or "title"')
    snippet_note: str | None = Field(None, description="printed number of the footnote the snippet comes from")
    url: str
    html_url: str


class FacetCount(BaseModel):
    value: str
    count: int


class SearchResponse(BaseModel):
    query: str
    total: int = Field(description="exact number of matching documents")
    offset: int
    limit: int
    took_ms: float
    hits: list[Hit]
    facets: dict[str, list[FacetCount]] = Field(description="counts per facet value, when the corpus offers them")
    next_offset: int | None = Field(description="offset of the next page, or null on the last")
    parsed: str = Field("", description="the query as frus understood it, years included")
    sort: str = Field("relevance", description="relevance, date-asc or date-desc")
    filters: dict[str, dict[str, list[str]]] = Field(
        default_factory=dict, description='the facet filters applied: {"include": {facet: [values]}, "exclude": {…}}'
    )
    warnings: list[str] = Field(default_factory=list, description="query terms that match nothing")


class ListEntry(BaseModel):
    id: str
    name: str
    description: str
    url: str
    html_url: str


class Mentioned(ListEntry):
    forms: list[str] = Field(description="the words the document uses for this entry")


class Citation(BaseModel):
    chicago: str = Field(description="the Office of the Historian's recommended form, URL appended")
    chicago_without_url: str
    url: str = Field(description="the document's canonical history.state.gov address")
    bibtex: str
    ris: str
    csl_json: dict[str, Any]


class DocumentResponse(BaseModel):
    document: dict[str, Any] = Field(description="the full record, in the shape of frus.model.Document")
    volume: VolumeRef
    prev: DocumentRef | None
    next: DocumentRef | None
    persons: list[Mentioned]
    terms: list[Mentioned]
    people: DocumentPeople | None = Field(
        None, description="the persons across volumes the document is from, to and names (see "
        "`/documents/{volume_id}/{local_id}/persons`); null until the corpus is linked",
    )
    citation: Citation
    html_url: str
    text_url: str


class VolumeSummary(BaseModel):
    id: str
    title: str
    subseries: str | None
    volume_number: str | None
    volume_title: str | None
    editors: list[str]
    published: str | None
    document_count: int
    persons_count: int
    terms_count: int
    url: str
    html_url: str


class VolumesResponse(BaseModel):
    total: int
    volumes: list[VolumeSummary]


class TocNode(BaseModel):
    kind: str = Field(description='"section" (a heading) or "document"')
    title: str
    id: str | None = None
    number: str | None = None
    date_min: str | None = None
    date_max: str | None = None
    type: str | None = None
    url: str | None = None
    html_url: str | None = None
    children: list["TocNode"]


class VolumeResponse(BaseModel):
    volume: VolumeSummary
    toc: list[TocNode] = Field(description="headings from the documents' paths, documents under them")
    persons: list[ListEntry]
    terms: list[ListEntry]


class MentioningDocument(BaseModel):
    id: str
    number: str | None
    title: str
    date_min: str | None
    date_max: str | None
    type: str | None
    where: list[str] = Field(description='where the mention is: "title", "body" or "notes"')
    url: str
    html_url: str


class EntryResponse(BaseModel):
    kind: str = Field(description='"person" or "term"')
    volume: VolumeRef
    entry: ListEntry
    documents: list[MentioningDocument] = Field(description="documents mentioning the entry, by date")


TocNode.model_rebuild()
