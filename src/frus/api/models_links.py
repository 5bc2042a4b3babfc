"""The JSON shapes of the link routes: persons across volumes, a document's
people, cross-references, the unprinted ledger and excisions.

Field names are those of the records ``Corpus`` returns
(``frus.linking.records``, ``frus.references``), so a key means the same
in ``frus person --json``, in Python and here; each shape adds ``url``
(the API) and ``html_url`` (the web page) where there is one.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class LinkState(BaseModel):
    state: str = Field(description='"current", or "stale" when documents changed since the last `frus link` '
                       "(the answer is then what the last run found)")
    message: str | None = Field(description="one sentence for people when not current")
    linked_at: str | None = Field(description="when the last complete `frus link` ended (ISO, UTC)")


class PersonHit(BaseModel):
    id: str = Field(examples=["hsa-107252"])
    preferred_name: str
    name_forms: list[str]
    birth_year: int | None
    death_year: int | None
    volume_count: int = Field(description="volumes whose persons lists name them, also volumes not in this corpus")
    documents: int = Field(description="documents of this corpus mentioning them")
    authority_id: str | None = Field(description="the Office of the Historian's person record, when matched")
    url: str
    html_url: str


class PersonsResponse(BaseModel):
    query: str
    limit: int
    total: int = Field(description="persons returned (at most `limit`)")
    persons: list[PersonHit]
    links: LinkState


class Office(BaseModel):
    title: str
    start: str | None = Field(description="ISO date, or null when the source does not say")
    end: str | None
    source: str = Field(description="where it was read: a volume id (its persons list) or `pocom`")


class Identification(BaseModel):
    volume_id: str
    text: str = Field(description="the identification as that volume's persons list prints it")


class PersonSource(BaseModel):
    volume_id: str
    local_id: str = Field(description="the entry's id in that volume's persons list")
    name: str
    identification: str
    confidence: float = Field(description="how sure the merge of this entry into the person is (0–1)")
    reason: str
    origin: str = Field(description='"volume" (read from the volume) or "authority" (rebuilt from hsa-people)')
    in_corpus: bool = Field(description="whether this corpus holds the volume's persons list")
    url: str | None = Field(description="the volume-local entry in the API, when the corpus holds it")
    html_url: str | None


class PersonVolume(BaseModel):
    id: str
    in_corpus: bool
    html_url: str | None


class _DocumentBrief(BaseModel):
    """The fields every listed document carries (``frus.linking.records.DocumentBrief``)."""

    id: str
    volume_id: str
    number: str | None
    title: str
    date_min: str | None
    date_max: str | None


class PersonDocument(_DocumentBrief):
    mentions: int = Field(description="linked mentions of the person in it (0 in the from/to/participant lists)")
    url: str
    html_url: str


class DocumentCounts(BaseModel):
    from_: int = Field(alias="from")
    to: int
    participant: int
    mentioning: int


class YearCount(BaseModel):
    year: str | None = Field(description="null for undated documents")
    from_: int = Field(alias="from")
    to: int
    participant: int
    mentioning: int
    documents: int = Field(description="distinct documents that year, whatever the role")


class Person(BaseModel):
    id: str
    preferred_name: str
    name_forms: list[str]
    birth_year: int | None
    death_year: int | None
    identifications: list[Identification]
    offices: list[Office]
    volumes: list[PersonVolume] = Field(description="every volume whose persons list names them")
    sources: list[PersonSource] = Field(description="the persons-list entries merged into this person, and why")
    authority_id: str | None
    pocom_id: str | None
    url: str
    html_url: str


class PersonResponse(BaseModel):
    person: Person
    offset: int
    limit: int | None = Field(description="documents per list at most; null for all")
    counts: DocumentCounts = Field(description="documents in each list, before offset and limit")
    by_year: list[YearCount] = Field(description="documents per year and role, oldest first, undated last")
    documents_from: list[PersonDocument] = Field(description="documents they sent or signed, oldest first")
    documents_to: list[PersonDocument] = Field(description="documents addressed to them")
    documents_participant: list[PersonDocument] = Field(description="conversations they took part in")
    documents_mentioning: list[PersonDocument] = Field(description="documents naming them (linked mentions)")
    links: LinkState


class Candidate(BaseModel):
    id: str
    name: str
    url: str
    html_url: str


class Party(BaseModel):
    role: str = Field(description='"from", "to" or "participant"')
    printed: str = Field(description="the party as the document prints it")
    party_role: str | None
    party_name: str | None
    status: str = Field(description='"linked", "ambiguous", "unresolved", or "none" for an office or institution')
    person_id: str | None
    person_name: str | None
    confidence: float
    reason: str
    candidates: list[Candidate]
    url: str | None = Field(description="the person in the API, when linked")
    html_url: str | None


class NamedPerson(BaseModel):
    id: str
    name: str
    mentions: int = Field(description="linked mentions in the title, body and notes")
    forms: list[str] = Field(description="the words the document uses for them")
    origins: list[str] = Field(description='"editors" (tagged in the TEI) and/or "linker" (found in untagged text)')
    roles: list[str] = Field(description='"from", "to", "participant" when a party of the document')
    local_ids: list[str] = Field(description="the entries of the volume's persons list the mentions point to")
    url: str
    html_url: str


class UnsettledName(BaseModel):
    text: str
    status: str = Field(description='"ambiguous" (several candidates fit) or "unresolved" (none does)')
    mentions: int
    candidates: list[Candidate]
    reason: str


class Mention(BaseModel):
    text: str
    start: int = Field(description="offset into the document's flattened text (title, body and notes)")
    end: int
    place: str = Field(description='"title", "body" or "notes"')
    person_id: str | None
    person_name: str | None
    local_id: str | None
    status: str
    origin: str
    confidence: float
    reason: str
    candidates: list[str]


class TermMention(BaseModel):
    text: str
    start: int
    end: int
    place: str
    term_id: str | None = Field(description="the volume's own terms-list id")
    term_name: str | None
    status: str
    origin: str
    candidates: list[str]


class DocumentPeople(BaseModel):
    parties: list[Party]
    persons: list[NamedPerson] = Field(description="each linked person once: parties first, then by first mention")
    ambiguous: list[UnsettledName]
    unresolved: list[UnsettledName]


class DocumentPersonsResponse(DocumentPeople):
    doc_id: str
    mentions: list[Mention] = Field(description="every person mention, in order")
    terms: list[TermMention]
    links: LinkState


class Reference(BaseModel):
    id: str
    source_doc: str
    where: str = Field(description='"body", "title" or the footnote id')
    kind: str = Field(description="document, footnote, page or volume")
    target_volume: str | None
    target_doc: str | None
    target_footnote: str | None
    target_page: str | None
    text: str = Field(description="the words of the reference")
    resolved: bool
    scope: str = Field(description='"internal" (into its own volume) or "external" (into another volume)')
    origin: str = Field(description='"ref" (a TEI link) or "text" (read from the words)')
    target: str | None = Field(description="the TEI target as printed")
    target_number: str | None
    target_marker: str | None
    reason: str | None = Field(description="why it does not resolve")
    target_url: str | None = Field(description="the target document in the API, when resolved")
    target_html_url: str | None = Field(description="the target in the reader (resolved) or on history.state.gov "
                                        "(external)")


class CitingDocument(_DocumentBrief):
    references: list[Reference]
    url: str
    html_url: str


class ReferencesResponse(BaseModel):
    doc_id: str
    outgoing: list[Reference] = Field(description="the document's references in the order they stand, resolved now")
    incoming: list[CitingDocument] = Field(description="documents whose references resolve to this one, by date")
    links: LinkState


class UnprintedCitation(BaseModel):
    doc: str = Field(description="the citing document")
    where: str
    offset: int
    kind: str | None
    number: str | None
    date: str | None
    date_text: str | None
    time: str | None
    sender: str | None
    recipient: str | None
    location: str | None
    status: str
    description: str
    context: str = Field(description="the sentence it stands in")
    url: str
    html_url: str


class LedgerEntry(BaseModel):
    id: str = Field(examples=["ud9dc943b6b21"])
    kind: str | None
    number: str | None
    date: str | None
    date_text: str | None
    sender: str | None
    recipient: str | None
    location: str | None = Field(description="the archival citation, when stated")
    status: str = Field(description='"not declassified", "not found", "not printed", "attached" or "mentioned"')
    description: str
    cited_by: list[str] = Field(description="ids of the documents citing it")
    citations: list[UnprintedCitation]
    url: str
    html_url: str


class UnprintedResponse(BaseModel):
    query: str | None
    total: int = Field(description="entries matching, in all")
    offset: int
    limit: int
    next_offset: int | None
    entries: list[LedgerEntry]
    links: LinkState


class CitingBrief(BaseModel):
    id: str
    number: str | None
    title: str
    date_min: str | None
    date_max: str | None
    url: str
    html_url: str


class UnprintedEntryResponse(BaseModel):
    entry: LedgerEntry
    documents: list[CitingBrief] = Field(description="the citing documents, by date")
    links: LinkState


class DocumentUnprintedResponse(BaseModel):
    doc_id: str
    entries: list[LedgerEntry] = Field(description="what the document cites, in the order it first cites them")
    links: LinkState


class Excision(BaseModel):
    id: str
    doc: str
    where: str = Field(description='"title", "body" or the footnote id')
    amount: float | None
    unit: str
    extent_text: str = Field(description="the words as printed, without the brackets")
    block: int | None
    offset: int
    qualifier: str | None
    lines: float | None


class ExcisionsResponse(BaseModel):
    doc_id: str
    total: int
    excisions: list[Excision]
    links: LinkState


class CheckRow(BaseModel):
    source_doc: str
    where: str
    kind: str
    scope: str
    text: str
    target: str | None
    target_volume: str | None
    target_doc: str | None
    target_footnote: str | None
    target_page: str | None
    reason: str


class UnresolvedResponse(BaseModel):
    external: bool = Field(description="whether references to volumes not in this corpus are listed")
    total: int
    offset: int
    limit: int | None
    rows: list[CheckRow]
    links: LinkState
