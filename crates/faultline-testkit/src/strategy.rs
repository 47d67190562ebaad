//! Strategies that generate valid records. Values stay within what the model accepts, so a
//! generated record must survive every lossless conversion unchanged.

use std::collections::BTreeMap;

use faultline_model::*;
use proptest::collection::{btree_map, vec};
use proptest::option::of;
use proptest::prelude::*;

/// A slug id: one to four groups of lower-case letters and digits.
pub fn slug() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}"
}

/// Free text: printable characters of any script, with the odd newline, tab and quote.
pub fn text() -> impl Strategy<Value = String> {
    "(\\PC|\n|\t|\"|'|\\\\|#){0,24}"
}

/// A calendar date between 1900 and 2099.
pub fn date() -> impl Strategy<Value = Date> {
    (-25_567i64..47_482).prop_map(|d| Date::from_days(d).unwrap_or(Date::EPOCH))
}

/// A local time of day, with or without seconds.
pub fn time() -> impl Strategy<Value = LocalTime> {
    (0u8..24, 0u8..60, of(0u8..60)).prop_map(|(h, m, s)| LocalTime::new(h, m, s).expect("in range"))
}

fn precision() -> impl Strategy<Value = Precision> {
    prop_oneof![
        Just(Precision::Day),
        Just(Precision::Days),
        Just(Precision::Week),
        Just(Precision::Month),
        Just(Precision::Year),
        Just(Precision::Years)
    ]
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    (0..all.len()).prop_map(move |i| all[i])
}

/// A casualty figure in any of its written forms.
pub fn casualty() -> impl Strategy<Value = Casualty> {
    let count = prop_oneof![
        (0i64..100_000).prop_map(|n| (Some(Count::Exact(n)), None, None)),
        (0i64..1000, 0i64..1000, any::<bool>()).prop_map(|(a, b, best)| {
            let (low, high) = (a.min(b), a.max(b));
            (
                Some(Count::Range(CountRange {
                    low,
                    high,
                    best: best.then_some(low),
                })),
                None,
                None,
            )
        }),
        (0i64..1000, 0i64..1000).prop_map(|(a, b)| (None, Some(a.min(b)), Some(a.max(b)))),
    ];
    (
        slug(),
        pick(&Category::ALL),
        count,
        of(pick(&[
            Qualifier::Over,
            Qualifier::AtLeast,
            Qualifier::About,
            Qualifier::UpTo,
            Qualifier::Under,
        ])),
        of(slug()),
        of(slug()),
        of(text()),
        of(pick(&[
            PersonStatus::Military,
            PersonStatus::Civilian,
            PersonStatus::Unknown,
        ])),
        of(text()),
    )
        .prop_map(
            |(
                party,
                category,
                (count, low, high),
                qualifier,
                claimant,
                source,
                quote,
                status,
                note,
            )| Casualty {
                party: ActorRef::new(party),
                category,
                count,
                low,
                high,
                qualifier,
                claimant: claimant.map(ActorRef::new),
                source: source.map(SourceRef::new),
                quote,
                status,
                note,
            },
        )
}

/// A claim.
pub fn claim() -> impl Strategy<Value = Claim> {
    const KINDS: [ClaimKind; 13] = [
        ClaimKind::Accuses,
        ClaimKind::Denies,
        ClaimKind::Reports,
        ClaimKind::Announces,
        ClaimKind::Confirms,
        ClaimKind::Demands,
        ClaimKind::Threatens,
        ClaimKind::Appeals,
        ClaimKind::Warns,
        ClaimKind::States,
        ClaimKind::Proposes,
        ClaimKind::Agrees,
        ClaimKind::Rejects,
    ];
    (
        slug(),
        pick(&KINDS),
        of(slug()),
        of(slug()),
        of(text()),
        pick(&[Voice::Direct, Voice::Reported, Voice::Author]),
        of(text()),
    )
        .prop_map(
            |(claimant, kind, against, source, quote, voice, note)| Claim {
                claimant: ActorRef::new(claimant),
                kind,
                against: against.map(ActorRef::new),
                source: source.map(SourceRef::new),
                quote,
                voice,
                note,
            },
        )
}

/// An event date.
pub fn event_date() -> impl Strategy<Value = EventDate> {
    (
        date(),
        of(0i64..400),
        (
            precision(),
            pick(&[
                DateBasis::Occurred,
                DateBasis::Reported,
                DateBasis::Cited,
                DateBasis::Before,
            ]),
        ),
        of(time()),
        of(time()),
        of(text()),
        of(text()),
    )
        .prop_map(
            |(start, len, (precision, basis), time, time_end, as_reported, note)| EventDate {
                start,
                end: len.and_then(|n| start.add_days(n)),
                precision,
                basis,
                time,
                time_end,
                as_reported,
                note,
            },
        )
}

/// A link to another event: a bare id, or a table with a relation and a note.
pub fn related() -> impl Strategy<Value = RelatedEvent> {
    prop_oneof![
        slug().prop_map(|id| RelatedEvent::Id(EventRef::new(id))),
        (slug(), of(Just(Relation::PartOf)), of(text())).prop_map(|(id, relation, note)| {
            RelatedEvent::Link(EventLink {
                event: EventRef::new(id),
                relation,
                note,
            })
        }),
    ]
}

/// An event whose id starts with its start date.
pub fn event() -> impl Strategy<Value = Event> {
    let places = vec(
        (
            slug(),
            of(pick(&[
                PlaceRole::Location,
                PlaceRole::Near,
                PlaceRole::Origin,
                PlaceRole::Target,
                PlaceRole::Mentioned,
            ])),
            of(text()),
        )
            .prop_map(|(p, role, note)| EventPlace {
                place: PlaceRef::new(p),
                role,
                note,
            }),
        0..3,
    );
    let actors = vec(
        (
            slug(),
            of(pick(&[
                ActorRole::Participant,
                ActorRole::Target,
                ActorRole::Mediator,
                ActorRole::Claimant,
                ActorRole::Subject,
            ])),
            of(text()),
        )
            .prop_map(|(a, role, note)| EventActor {
                actor: ActorRef::new(a),
                role,
                note,
            }),
        0..3,
    );
    let external = btree_map(
        "[a-z]{1,6}",
        btree_map("[a-z_0-9]{1,12}", text(), 0..4),
        0..2,
    );
    (
        (
            slug(),
            text(),
            pick(&EventKind::ALL),
            text(),
            vec(slug(), 0..3),
            vec(text(), 0..3),
        ),
        (
            vec(related(), 0..2),
            of(text()),
            event_date(),
            places,
            actors,
        ),
        (vec(claim(), 0..3), vec(casualty(), 0..4), external),
    )
        .prop_map(
            |(
                (topic, title, kind, summary, sources, tags),
                (related, notes, date, places, actors),
                (claims, casualties, external),
            )| {
                let id = format!("{}-{topic}", date.start);
                Event {
                    id: EventId::new(id).expect("the strategy makes slugs"),
                    title,
                    kind,
                    summary,
                    sources: sources.into_iter().map(SourceRef::new).collect(),
                    tags,
                    related,
                    notes,
                    date,
                    places,
                    actors,
                    claims,
                    casualties,
                    external: external as BTreeMap<String, BTreeMap<String, String>>,
                }
            },
        )
}

/// A source.
pub fn source() -> impl Strategy<Value = Source> {
    let cite = (
        text(),
        of(date()),
        of(text()),
        of("https://[a-z]{1,10}\\.[a-z]{2,3}/[a-z0-9/]{0,12}"),
        of(text()),
    )
        .prop_map(|(name, date, as_reported, url, note)| Citation {
            name,
            date,
            as_reported,
            url: url.and_then(|u| HttpUrl::new(u).ok()),
            note,
        });
    (
        (
            slug(),
            of(pick(&[
                SourceKind::News,
                SourceKind::Analysis,
                SourceKind::Official,
                SourceKind::SocialMedia,
                SourceKind::Dataset,
                SourceKind::Outlet,
            ])),
            of(text()),
            of(text()),
            vec(text(), 0..3),
        ),
        (
            of("https?://[a-z]{1,10}\\.[a-z]{2,3}(/[a-zA-Z0-9?=&%-]{0,16})?"),
            of(date()),
            of(date()),
            of(date()),
        ),
        (
            of("[a-z]{2}"),
            of(slug()),
            of(text()),
            vec(cite, 0..3),
            of(source_archive()),
        ),
    )
        .prop_map(
            |(
                (id, kind, publisher, title, authors),
                (url, published, updated, accessed),
                (language, party, note, cites, archive),
            )| Source {
                id: SourceId::new(id).expect("the strategy makes slugs"),
                kind,
                publisher,
                title,
                authors,
                url: url.and_then(|u| HttpUrl::new(u).ok()),
                published,
                updated,
                accessed,
                language,
                party: party.map(ActorRef::new),
                note,
                cites,
                archive,
            },
        )
}

/// A source's archived copy.
pub fn source_archive() -> impl Strategy<Value = SourceArchive> {
    (
        "[a-z0-9_]{1,12}(/[a-z0-9_]{1,12})?\\.txt",
        "[0-9a-f]{64}",
        date(),
        of("https://web\\.archive\\.org/web/[0-9]{14}/[a-z]{1,10}\\.[a-z]{2,3}"),
    )
        .prop_map(|(file, sha, retrieved, url)| SourceArchive {
            file,
            sha256: Sha256::new(sha).expect("the strategy makes digests"),
            retrieved,
            url: url.and_then(|u| HttpUrl::new(u).ok()),
        })
}

/// A place.
pub fn place() -> impl Strategy<Value = Place> {
    const KINDS: [PlaceKind; 6] = [
        PlaceKind::Village,
        PlaceKind::Town,
        PlaceKind::Lake,
        PlaceKind::Road,
        PlaceKind::BorderSector,
        PlaceKind::Site,
    ];
    const PRECISIONS: [GeoPrecision; 5] = [
        GeoPrecision::Exact,
        GeoPrecision::Near,
        GeoPrecision::District,
        GeoPrecision::Province,
        GeoPrecision::Country,
    ];
    let name = prop_oneof![
        text().prop_map(NameVariant::Plain),
        (text(), of("[a-z]{2}"), of(text()))
            .prop_map(|(name, lang, note)| NameVariant::Detailed(NameDetail { name, lang, note })),
    ];
    let control =
        (slug(), of(date()), of(date()), of(text())).prop_map(|(by, from, until, note)| Control {
            by: ActorRef::new(by),
            from,
            until,
            note,
        });
    (
        (slug(), text(), vec(name, 0..4), pick(&KINDS), "[A-Z]{3}"),
        (
            of(text()),
            of(text()),
            -90.0f64..=90.0,
            -180.0f64..=180.0,
            pick(&PRECISIONS),
            text(),
            of(text()),
            vec(control, 0..2),
        ),
    )
        .prop_map(
            |(
                (id, name, names, kind, country),
                (admin1, admin2, lat, lon, precision, coordinate_source, note, de_facto),
            )| Place {
                id: PlaceId::new(id).expect("the strategy makes slugs"),
                name,
                names,
                kind,
                country: CountryCode::new(&country).expect("the strategy makes codes"),
                admin1,
                admin2,
                lat,
                lon,
                precision,
                coordinate_source,
                note,
                de_facto,
            },
        )
}

/// An actor.
pub fn actor() -> impl Strategy<Value = Actor> {
    const KINDS: [ActorKind; 6] = [
        ActorKind::State,
        ActorKind::Ministry,
        ActorKind::StateForces,
        ActorKind::Person,
        ActorKind::Organisation,
        ActorKind::Peacekeepers,
    ];
    (
        slug(),
        text(),
        pick(&KINDS),
        of("[A-Z]{3}"),
        of(slug()),
        vec(text(), 0..3),
        of(text()),
        of(text()),
        of(text()),
    )
        .prop_map(
            |(id, name, kind, country, parent, names, acled_name, ucdp_side, note)| Actor {
                id: ActorId::new(id).expect("the strategy makes slugs"),
                name,
                kind,
                country: country.and_then(|c| CountryCode::new(&c).ok()),
                parent: parent.map(ActorRef::new),
                names,
                acled_name,
                ucdp_side,
                note,
            },
        )
}
