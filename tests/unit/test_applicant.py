"""The applicant kinds (issue #25): tax codes, agency codes and passports are checked before intake."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.applicant import (
    Applicant,
    ApplicantError,
    ApplicantKind,
    agency,
    foreigner_from_mrz,
    organisation,
)
from scanner.barcodes.mrz import MrzError, parse_td3
from tests.synthetic_applicants import AGENCY, BRANCH, ORGANISATION, PASSPORT, PASSPORT_DEU, wrong_check_digit

# ICAO 9303 part 4, appendix A: the specimen passport of the fictitious state Utopia.
ICAO_SPECIMEN = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


def test_organisation_keeps_its_tax_code_name_and_address() -> None:
    applicant = organisation(**ORGANISATION)
    assert applicant.kind is ApplicantKind.ORGANISATION
    assert applicant.identifier == ORGANISATION["tax_code"]
    assert applicant.name == ORGANISATION["name"]
    assert Applicant.from_data(applicant.kind, applicant.data()) == applicant


def test_a_branch_tax_code_is_accepted_with_its_suffix() -> None:
    assert organisation(**BRANCH).identifier.endswith("-002")


def test_a_wrong_check_digit_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ApplicantError) as caught:
        organisation(**{**ORGANISATION, "tax_code": wrong_check_digit(ORGANISATION["tax_code"])})
    assert caught.value.code == "tax_code_invalid"
    assert "chữ số kiểm tra" in caught.value.message


@pytest.mark.parametrize("text", ["12345", "010990001X", "0109900016-000", "0109900016-12", ""])
def test_a_malformed_tax_code_is_refused(text: str) -> None:
    with pytest.raises(ApplicantError) as caught:
        organisation(text, ORGANISATION["name"], ORGANISATION["address"])
    assert caught.value.code == "tax_code_invalid"
    assert "Mã số thuế" in caught.value.message


def test_an_organisation_needs_a_name() -> None:
    with pytest.raises(ApplicantError) as caught:
        organisation(ORGANISATION["tax_code"], "  ", "x")
    assert caught.value.code == "applicant_name_missing"


@pytest.mark.parametrize("code", ["000.00.99.H99", "1234567", "g12.34.56.a01"])
def test_agency_codes(code: str) -> None:
    assert agency(code, AGENCY["name"], AGENCY["address"]).identifier == code.upper()


def test_a_wrong_agency_code_is_refused() -> None:
    with pytest.raises(ApplicantError) as caught:
        agency("H31", AGENCY["name"], AGENCY["address"])
    assert caught.value.code == "agency_code_invalid"


def test_the_icao_specimen_passport_parses() -> None:
    mrz = parse_td3(ICAO_SPECIMEN, today=date(2026, 1, 1))
    assert (mrz.document_number, mrz.nationality, mrz.sex) == ("L898902C3", "UTO", "F")
    assert mrz.birth_date == date(1974, 8, 12)
    assert (mrz.surname, mrz.given_names, mrz.personal_number) == ("ERIKSSON", "ANNA MARIA", "ZE184226B")


def test_a_foreigner_from_the_passport_mrz() -> None:
    applicant = foreigner_from_mrz("\n".join(PASSPORT), today=date(2026, 12, 7))
    assert applicant.kind is ApplicantKind.FOREIGNER
    assert applicant.foreigner is not None
    assert (applicant.identifier, applicant.foreigner.nationality) == ("X9912345", "JPN")
    assert applicant.name == "TESUTO HANAKO"
    assert applicant.foreigner.sex == "Nữ"
    assert Applicant.from_data(applicant.kind, applicant.data()) == applicant


def test_germany_s_icao_code_becomes_iso_alpha3() -> None:
    applicant = foreigner_from_mrz("\n".join(PASSPORT_DEU), today=date(2026, 12, 7))
    assert applicant.foreigner is not None and applicant.foreigner.nationality == "DEU"


def test_a_passport_mrz_with_a_wrong_digit_is_refused() -> None:
    line1, line2 = PASSPORT
    broken = line2[:3] + ("8" if line2[3] != "8" else "7") + line2[4:]
    with pytest.raises(ApplicantError) as caught:
        foreigner_from_mrz(f"{line1}\n{broken}")
    assert caught.value.code == "passport_mrz_invalid"
    assert "chữ số kiểm tra" in caught.value.message


def test_an_unknown_nationality_is_refused() -> None:
    with pytest.raises(ApplicantError) as caught:
        foreigner_from_mrz(ICAO_SPECIMEN, today=date(2026, 1, 1))
    assert "ISO 3166" in caught.value.message


def test_not_a_passport_mrz() -> None:
    with pytest.raises(MrzError) as caught:
        parse_td3("IDVNM0930470641001093047064<<2\n9301054M3301052VNM<<<<<<<<<<<8")
    assert caught.value.code == "passport_mrz_invalid"
