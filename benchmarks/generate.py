"""Generate a realistic organization of any size, with a few planted faults, for benchmarks.

    python benchmarks/generate.py --decisions 10000 --out /tmp/org-10k

Shape, for D decisions: D/5 roles each held by a person (a few vacant), D/50 teams
under a reporting tree (CEO, eight executives, team leads, members), D/50 files of
decisions (about 50 each) plus one file of people and roles, one of teams, cadences,
metrics and definitions of ready. Decisions use every mode, approvals, vetoes,
consulted and informed lists, escalation, handoffs with definitions of ready,
dependencies, affected metrics and reviews. A few faults are planted so that every
family of rules has something to report: joint ownership, a consensus deadlock, an
escalation loop, a dependency cycle, a vacant owner, a missing definition of ready.

With ``--records N`` it also writes N decision records (1 000 a file) over the two
years ending ``--until``: most closed by their owner within days, some pulled up to the
team lead or the executive, some escalated, some redone, some still open.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

EXECUTIVES = ("cfo", "coo", "cpo", "cto", "cro", "cmo", "chro", "clo")
EVERY = ("weekly", "monthly", "quarterly")


def _list(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def generate(decisions: int, out: Path, seed: int = 7, per_file: int = 50) -> list[Path]:
    """Write the organization's files into ``out``; returns their paths."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    team_count = max(2, decisions // 50)
    members_per_team = max(2, decisions // 5 // team_count - 1)
    people: list[str] = ["person-ceo", *(f"person-{e}" for e in EXECUTIVES)]
    roles: list[str] = [
        "governance: 1",
        "organization: {name: Generated, final_authority: ceo}",
        "roles:",
        "  ceo: {title: Chief Executive Officer, holder: person-ceo}",
    ]
    for executive in EXECUTIVES:
        roles.append(
            f"  {executive}: {{title: Executive {executive}, holder: person-{executive},"
            " reports_to: ceo}"
        )
    teams: list[str] = ["governance: 1", "teams:"]
    readies: list[str] = ["ready:"]
    cadences: list[str] = ["cadences:"]
    metrics: list[str] = ["metrics:"]
    team_members: dict[str, list[str]] = {}
    for t in range(team_count):
        team = f"team-{t}"
        executive = EXECUTIVES[t % len(EXECUTIVES)]
        lead = f"lead-{t}"
        people.append(f"person-{lead}")
        roles.append(
            f"  {lead}: {{title: Lead of {team}, holder: person-{lead}, reports_to: {executive}}}"
        )
        members = []
        for m in range(members_per_team):
            role = f"role-{t}-{m}"
            vacant = rng.random() < 0.002
            holder = "" if vacant else f", holder: person-{role}"
            if not vacant:
                people.append(f"person-{role}")
            roles.append(
                f"  {role}: {{title: Specialist {m} of {team}{holder}, reports_to: {lead}}}"
            )
            members.append(role)
        team_members[team] = [lead, *members]
        parent = f", parent: team-{t // 8}" if t >= 8 else ""
        teams.append(
            f"  {team}: {{name: Team {t}, lead: {lead}, members: {_list(members)}{parent}}}"
        )
        upstream = f"team-{(t + 1) % team_count}"
        readies.append(
            f"  ready-{t}: {{artifact: Brief for {upstream}, from: {team}, "
            f"to: {upstream}, accepted_by: lead-{(t + 1) % team_count}, "
            "criteria: [Problem stated, Success measured, Owner named]}"
        )
        for every in EVERY:
            cadences.append(
                f"  {team}-{every}: {{title: {every.title()} review of {team}, "
                f"every: {every}, chair: {lead}, attendees: "
                + (f"[{team}]}}" if every == "weekly" else f"[{team}, {executive}]}}")
            )
        for k in range(max(1, decisions // team_count // 10)):
            kind = "leading" if k % 2 == 0 else "lagging"
            metrics.append(
                f"  metric-{t}-{k}: {{title: Indicator {k} of {team}, owner: {lead},"
                f" kind: {kind}, target: '> {k}', reviewed_in: [{team}-weekly]}}"
            )
    header = ["governance: 1", "people:", *(f"  {p}: {{name: {p.title()}}}" for p in people)]
    files = {
        "organization.yaml": "\n".join([*roles[:2], *header[1:], *roles[2:]]),
        "teams.yaml": "\n".join([*teams, *readies, *cadences, *metrics]),
    }
    per_team = -(-decisions // team_count)
    for t in range(team_count):
        team = f"team-{t}"
        members = team_members[team]
        count = min(per_team, decisions - t * per_team)
        for chunk in range(0, max(count, 0), per_file):
            lines = ["governance: 1", "decisions:"]
            for d in range(chunk, min(chunk + per_file, count)):
                owner = members[d % len(members)]
                lines.extend(_decision(rng, t, d, team, owner, members, team_count))
            files[f"decisions-{t:04d}-{chunk // per_file:03d}.yaml"] = "\n".join(lines)
    files["decisions-0000-000.yaml"] += "\n" + "\n".join(_planted_faults())
    written = []
    for name, text in files.items():
        path = out / name
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written


def _decision(
    rng: random.Random, t: int, d: int, team: str, owner: str, members: list[str], team_count: int
) -> list[str]:
    ident = f"decision-{t}-{d}"
    lead = members[0]
    size = len(members)
    review = (f"{team}-weekly", f"{team}-monthly", f"{team}-quarterly")[d % 3]
    lines = [
        f"  {ident}:",
        f"    title: Decision {d} of {team} on area {d % 17}",
        f"    scope: {team}.area-{d}",
        f"    owner: {owner}",
        f"    description: How {team} settles area {d % 17}; revisited when its indicators move.",
        f"    reviewed_in: [{review}]",
        f"    affects: [metric-{t}-0]",
        f"    decide_within: {1 + d % 9}d",
    ]
    style = d % 10
    if style == 1:
        lines += [
            "    mode: consent",
            f"    deciders: {_list(members[:3])}",
            f"    tie_breaker: {lead}",
        ]
    elif style == 2:
        lines += ["    mode: vote", f"    deciders: {_list(members[:3])}", "    quorum: 2"]
    elif style == 3:
        lines += [
            "    mode: consensus",
            f"    deciders: {_list(members[1:3])}",
            f"    escalates_to: {lead}",
        ]
    helper = members[(d + 1) % size]
    if d % 4 == 0 and helper != owner:
        lines.append(f"    approvals: [{helper}]")
    if d % 5 == 0:
        lines.append(f"    consulted: {_list([m for m in members[1:3] if m != owner])}")
        lines.append(f"    informed: [{team}]")
    if d % 7 == 0 and members[(d + 2) % size] != owner:
        lines.append(f"    vetoes: [{members[(d + 2) % size]}]")
    if style not in (1, 3) and any(
        line.startswith(("    approvals", "    vetoes")) for line in lines
    ):
        # a peer's sign-off with a declared outcome when it is refused: no blocking peer
        lines.append("    on_no_agreement: status-quo")
    if d % 6 == 0:
        lines.append(f"    executed_by: team-{(t + 1) % team_count}")
        lines.append(f"    ready: ready-{t}")
    if d > 0 and rng.random() < 0.3:
        lines.append(f"    depends_on: [decision-{t}-{rng.randrange(d)}]")
    return lines


def _planted_faults() -> list[str]:
    return [
        "  fault-joint:",
        "    title: Co-led expansion",
        "    owner: [lead-0, lead-1]",
        "    reviewed_in: [team-0-weekly]",
        "  fault-loop-a:",
        "    title: Waits on b",
        "    owner: lead-0",
        "    depends_on: [fault-loop-b]",
        "    reviewed_in: [team-0-weekly]",
        "  fault-loop-b:",
        "    title: Waits on a",
        "    owner: lead-0",
        "    depends_on: [fault-loop-a]",
        "    reviewed_in: [team-0-weekly]",
        "  fault-handoff:",
        "    title: Handed over without a definition of ready",
        "    owner: lead-0",
        "    executed_by: team-1",
        "    reviewed_in: [team-0-weekly]",
    ]


def generate_records(
    decisions: int,
    records: int,
    out: Path,
    seed: int = 11,
    until: dt.date = dt.date(2026, 11, 29),
    per_file: int = 1000,
) -> list[Path]:
    """Write ``records`` records of the organization ``generate(decisions, ...)`` wrote
    into ``out``, raised over the two years ending ``until``; returns their paths."""
    rng = random.Random(seed)
    team_count = max(2, decisions // 50)
    members_per_team = max(2, decisions // 5 // team_count - 1)
    per_team = -(-decisions // team_count)
    counts = [min(per_team, decisions - t * per_team) for t in range(team_count)]
    teams = [t for t in range(team_count) if counts[t] > 0]
    first = until - dt.timedelta(days=729)
    written = []
    for start in range(0, records, per_file):
        lines = ["governance: 1", "records:"]
        for n in range(start, min(start + per_file, records)):
            t = rng.choice(teams)
            d = rng.randrange(counts[t])
            members = [f"lead-{t}", *(f"role-{t}-{m}" for m in range(members_per_team))]
            owner = members[d % len(members)]
            raised = first + dt.timedelta(days=rng.randrange(730))
            fields = [f"decision: decision-{t}-{d}", f"raised: {raised.isoformat()}"]
            roll = rng.random()
            if roll < 0.03 or raised > until - dt.timedelta(days=3):
                pass  # still open
            else:
                decided = min(raised + dt.timedelta(days=rng.choice((0, 1, 2, 3, 5, 8, 13))), until)
                closer = owner
                if roll < 0.13:
                    closer = EXECUTIVES[t % len(EXECUTIVES)]  # pulled up
                    fields.append(f"escalated_to: [lead-{t}, {closer}]")
                elif roll < 0.2:
                    closer = f"lead-{t}"
                fields += [f"decided: {decided.isoformat()}", f"decided_by: {closer}"]
                every = ("weekly", "monthly", "quarterly")[d % 3]
                if rng.random() < 0.6:
                    fields.append(f"meeting: team-{t}-{every}")
            if n > 0 and rng.random() < 0.05:
                fields.append(f"reverses: record-{rng.randrange(n)}")
            lines.append(f"  record-{n}: {{{', '.join(fields)}}}")
        path = out / f"records-{start // per_file:04d}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--decisions", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-file", type=int, default=50)
    parser.add_argument("--records", type=int, default=0, help="decision records to add")
    parser.add_argument("--until", type=dt.date.fromisoformat, default=dt.date(2026, 11, 29))
    args = parser.parse_args()
    files = generate(args.decisions, args.out, args.seed, args.per_file)
    if args.records:
        files += generate_records(args.decisions, args.records, args.out, until=args.until)
    size = sum(path.stat().st_size for path in files)
    print(f"{len(files)} files, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
