"""Find a claim by its id, or by a prefix that only one id starts with."""

from __future__ import annotations

from claims_cli.check.diagnostics import did_you_mean
from claims_cli.model import Claim, Index

#: How many candidates an ambiguous prefix names before it says "and N more".
_SHOWN_CANDIDATES = 10


class ClaimNotFound(LookupError):
    """No claim, or more than one, answers to the id that was asked for.

    ``candidates`` holds the ids an ambiguous prefix matches (empty when none does).
    """

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = candidates


def resolve_claim(index: Index, wanted: str) -> Claim:
    """The claim with id ``wanted``, or the only one whose id starts with it.

    An exact id wins over longer ids it is a prefix of. Raises
    :class:`ClaimNotFound` with a message for people: the near miss for an
    unknown id, the candidates for an ambiguous prefix.
    """
    exact = index.claims.get(wanted)
    if exact is not None:
        return exact
    matches = sorted(claim_id for claim_id in index.claims if claim_id.startswith(wanted))
    if len(matches) == 1:
        return index.claims[matches[0]]
    if not matches:
        if wanted in index.sources:
            raise ClaimNotFound(
                f"no claim '{wanted}': that is a source id ('claims sources' lists sources, "
                f"'claims list -s {wanted}' the claims citing it)"
            )
        hint = did_you_mean(wanted, set(index.claims))
        raise ClaimNotFound(f"no claim '{wanted}'{hint}")
    shown = ", ".join(matches[:_SHOWN_CANDIDATES])
    more = len(matches) - _SHOWN_CANDIDATES
    if more > 0:
        shown += f" and {more} more"
    raise ClaimNotFound(
        f"'{wanted}' is the start of {len(matches)} claim ids: {shown}", tuple(matches)
    )
