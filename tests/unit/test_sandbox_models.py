"""The contract models both ends share: what the client writes, the sandbox reads back unchanged,
and anything malformed is a ContractError naming the field (never a KeyError or TypeError)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal_contract.models import (
    COPY_TYPES,
    PAYMENT_METHODS,
    Applicant,
    ComponentUpload,
    ContractError,
    SubmissionRequest,
)

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
components = st.builds(
    ComponentUpload,
    key=st.from_regex(r"[a-z_]{1,20}", fullmatch=True),
    name=text,
    file_name=text,
    copy_type=st.sampled_from(COPY_TYPES),
    copies=st.integers(1, 5),
    pages=st.integers(0, 50),
    reused=st.booleans(),
    sha256=st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
    size=st.integers(0, 10**8),
)
requests = st.builds(
    SubmissionRequest,
    office_code=text,
    local_ref=text,
    procedure_code=text,
    applicant=st.builds(Applicant, id_number=st.from_regex(r"[0-9]{12}", fullmatch=True), full_name=text),
    components=st.lists(components, max_size=4).map(tuple),
    fee=st.integers(0, 10**7),
    payment_method=st.sampled_from(PAYMENT_METHODS),
)


@settings(max_examples=60, deadline=None)
@given(requests)
def test_what_the_client_sends_the_portal_reads_back(request):
    wire = json.loads(json.dumps(request.wire(), ensure_ascii=False))
    parsed = SubmissionRequest.from_dict(wire)
    assert parsed == SubmissionRequest(
        **{
            **request.__dict__,
            "components": tuple(ComponentUpload(**{**c.to_dict(), "path": None}) for c in request.components),
        }
    )
    assert all("path" not in c and "workspace_name" not in c for c in wire["components"]), (
        "no local paths leak"
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"applicant": {"id_number": "12", "full_name": "A"}}, "applicant.id_number"),
        ({"channel": 9}, "channel"),
        ({"components": "nope"}, "components"),
        ({"components": [{"key": "a"}]}, "components[0].name"),
        ({"return_method": "public_post"}, "return_address"),
        ({"fee": -1}, "fee"),
        ({"fee": True}, "fee"),
    ],
)
def test_malformed_metadata_names_the_field(change, field):
    base = {
        "office_code": "X",
        "local_ref": "HS-1",
        "procedure_code": "1.001193",
        "applicant": {"id_number": "001203004567", "full_name": "Mẫu"},
        "components": [],
    }
    with pytest.raises(ContractError) as caught:
        SubmissionRequest.from_dict({**base, **change})
    assert caught.value.field == field
