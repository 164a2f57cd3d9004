-- From evidence to decisions for one kind. Inputs: linking_telaris, linking_tripletex (and linking_all_records, the
-- linked ones too), linking_by_orgnr,
-- linking_orgnr_owners, linking_held_twice, linking_orgnr_namesakes, linking_numbers_copied and the macros landline
-- and couple_of (prepare.sql), and linking_scored (Splink's pairs with probability and match weight, down to the
-- lowest weight that can still narrow a margin). Open proposals of the kind are replaced; decided ones (accepted,
-- rejected by a reviewer, applied) are kept.

-- The department a name's label names ("bergen" of "x avd bergen"), or NULL without a label.
CREATE OR REPLACE TEMP MACRO department(key) AS nullif(regexp_extract(key, '\b(?:avd|avdeling)\b\s*(.*)$', 1), '');

-- Name `b` is name `a` with words added: all of a's words in b, and b has a word of its own. Single letters, "og", and
-- a legal form typed wrong ("SAA", "A/S") are no words of a name; a typo never adds a word. A number is a word ("Bygdøy
-- Eiendom 6" is a group's sixth company). What follows "avd." (avdeling) names a department of the same legal entity,
-- not another company, so it adds no word either.
CREATE OR REPLACE TEMP MACRO name_words(n) AS list_filter(string_split(without_department(n), ' '),
                                                        lambda w: length(w) > 1 OR regexp_full_match(w, '[0-9]+'));
-- own_words(a, b): the words of name a that b lacks (a typo makes one of its own; words_replaced tells the two apart).
CREATE OR REPLACE TEMP MACRO own_words(a, b) AS
    list_filter(name_words(a), lambda w: NOT list_contains(name_words(b), w)
                AND (length(w) > 2 OR regexp_full_match(w, '[0-9]+'))
                AND w <> 'og' AND NOT regexp_full_match(w, '[asnd]{2,4}'));
-- The numbers a name holds, in order: a street address ("Trondheimsveien 35") or a group's numbered company ("Grefsen
-- Næring 3"). Two names that hold different numbers are two addresses or two companies, however alike they read.
CREATE OR REPLACE TEMP MACRO name_numbers(key) AS
    list_filter(string_split(key, ' '), lambda w: regexp_full_match(w, '[0-9]+[a-z]?'));
CREATE OR REPLACE TEMP MACRO words_added(a, b) AS
    list_has_all(name_words(b), name_words(a)) AND len(own_words(b, a)) > 0;
-- ... and every word added is a given name ("Maler Nomeland", "Maler Nomeland Astrid"; "Tømrer Fjeldsgaard", "Tømrer
-- Fjeldsgaard Per"): the owner of a sole proprietorship, whose name the business's name holds, written in full on one
-- side. A group names its companies by trade, place or number ("Holding", "Eiendom", "Nord", "2"), not by a first name.
CREATE OR REPLACE TEMP MACRO given_names_added(a, b) AS
    list_has_all(getvariable('linking_given_names'), own_words(b, a));
-- (for owner_added, below: the owner's two or three words, the last the surname the name holds, or their initials
-- its first word)
CREATE OR REPLACE TEMP MACRO owner_named_after(name, owner) AS
    len(owner) BETWEEN 2 AND 3
    AND (list_contains(name, owner[-1]) OR name[1] = array_to_string(list_transform(owner, lambda w: left(w, 1)), ''));
-- ... or the owner's whole name after it ("KJ Bygg", "KJ Bygg Knut Johansen"; "Sælrud Elektro", "Sælrud Elektro
-- Ingvild Sælrud"): the register names a sole proprietorship with its owner's surname, and accounting imports the
-- registered name in full. Told from a group's words by the name itself: the surname it holds already, or the
-- initials it is made of.
CREATE OR REPLACE TEMP MACRO owner_added(a, b) AS
    starts_with(b, a || ' ') AND owner_named_after(name_words(a), string_split(substr(b, length(a) + 2), ' '));
-- ... one word, between its first and its last ("Hanne Strand", "Hanne Tone Strand"): where neither is a company (no
-- organisation number, no legal form), a person's middle name, typed in one system and not in the other.
CREATE OR REPLACE TEMP MACRO middle_name_added(a, b) AS
    words_added(a, b) AND len(name_words(a)) >= 2 AND len(name_words(b)) = len(name_words(a)) + 1
    AND name_words(a)[1] = name_words(b)[1] AND name_words(a)[-1] = name_words(b)[-1];
-- A family's name ("Fam. Hansen", "Familien Hansen") and a person of that surname ("Per Hansen", "Hansen Per Arne"):
-- a household on one side, one of its people on the other, like a couple's name (couple_of in prepare.sql)
CREATE OR REPLACE TEMP MACRO family_member(family, person) AS
    regexp_full_match(family, '(fam|familie|familien) [a-z]+') AND len(name_words(person)) BETWEEN 2 AND 4
    AND list_contains(name_words(person), split_part(family, ' ', 2));
-- (for farm_member, below: the family's name among the person's two to four words, the rest given names: "Heggland
-- Bygg" is the farmer's other business, not the farmer)
CREATE OR REPLACE TEMP MACRO farm_family_in(family, person) AS
    len(person) BETWEEN 2 AND 4 AND list_contains(person, family)
    AND list_has_all(getvariable('linking_given_names'), list_filter(person, lambda w: w <> family));
-- A farm named by its family ("Heggland gård", "Tveit Gårdsbruk") and a person of that name ("Harald Heggland",
-- "Heggland Harald"): the farmer, whom accounting invoices (confirmed by that person's own e-mail or mobile).
CREATE OR REPLACE TEMP MACRO farm_member(farm, person) AS
    regexp_matches(farm, '\b[a-z]+ (gard|gardsbruk)\b')
    AND farm_family_in(regexp_extract(farm, '\b([a-z]+) (gard|gardsbruk)\b', 1), name_words(person));
-- ... or given names added to a person's name anywhere, its words in any order ("Mette Olsen", "Olsen Mette Marie"):
-- the same person written in full, where neither record is a company (linking_evidence asks that of both)
CREATE OR REPLACE TEMP MACRO person_names_added(a, b) AS
    middle_name_added(a, b) OR (words_added(a, b) AND given_names_added(a, b) AND len(name_words(a)) >= 2);
-- One name has a word of its own where the other has another ("Måldal Frisør", "Måldal Invest"), not the same word
-- misspelt or written together ("Drrift", "HaugeRenhold"): a group's companies share the stem and change the rest.
CREATE OR REPLACE TEMP MACRO words_replaced(a, b) AS
    len(own_words(a, b)) > 0 AND len(own_words(b, a)) > 0
    AND jaro_winkler_similarity(array_to_string(own_words(a, b), ' '), array_to_string(own_words(b, a), ' ')) < 0.8
    AND damerau_levenshtein(array_to_string(own_words(a, b), ' '), array_to_string(own_words(b, a), ' ')) > 1;

-- Phones several records of one system hold, linked or not: an office's (a property manager's, an accountant's, a
-- group's).
CREATE OR REPLACE TEMP TABLE linking_shared_phones AS
SELECT DISTINCT phone FROM linking_all_records WHERE phone IS NOT NULL GROUP BY system, phone HAVING count(*) > 1;
-- Street addresses several records of one system hold in one place (postal code, or town: a record without a postal
-- code is in its town), linked or not: an office building's, a housing block's entrance, a property manager's. Only a
-- street address one record holds says which party.
CREATE OR REPLACE TEMP MACRO street_places(street_key, postal_code, city_key) AS
    list_filter([street_key || ' ' || postal_code, street_key || ' @' || city_key], lambda p: p IS NOT NULL);
CREATE OR REPLACE TEMP TABLE linking_shared_streets AS
SELECT place FROM (SELECT system, unnest(street_places(street_key, postal_code, city_key)) AS place
                   FROM linking_all_records WHERE street_key IS NOT NULL)
GROUP BY system, place HAVING count(*) > 1;
-- One place: the same postal code, or the same town, its name a typo apart ("Campbelltown", "Campbekltown") in the
-- same postal district (the first two digits of both postal codes). Without the district, a letter makes another
-- town too often: Kristiansand and Kristiansund, Vik and Vika, Nes and Ness (Hol and Hole share district 35 and
-- still pass; the same person at the same street address, held by nobody else, in both is what that would take)
CREATE OR REPLACE TEMP MACRO one_district(t_code, x_code) AS
    regexp_full_match(t_code, '[0-9]{4}') AND regexp_full_match(x_code, '[0-9]{4}') AND left(t_code, 2) = left(x_code, 2);
CREATE OR REPLACE TEMP MACRO same_place(t_code, x_code, t_town, x_town) AS coalesce(
    t_code = x_code OR t_town = x_town
    OR (jaro_winkler_similarity(t_town, x_town) >= 0.9 AND damerau_levenshtein(t_town, x_town) <= 1
        AND one_district(t_code, x_code)), false);
CREATE OR REPLACE TEMP MACRO streets_agree(t_street, x_street) AS coalesce(
    t_street = x_street
    OR (jaro_winkler_similarity(t_street, x_street) >= 0.9 AND damerau_levenshtein(t_street, x_street) <= 1), false);

-- What each scored pair holds besides the name: independent corroboration, and what contradicts it. A comparison
-- with a side empty is neither (NULL → false).
CREATE OR REPLACE TEMP TABLE linking_evidence AS
SELECT s.telaris_id, s.tripletex_id, s.probability, s.weight,
       coalesce(t.organisation_number <> x.organisation_number, false) AS other_orgnr,
       t.organisation_number AS t_orgnr, x.organisation_number AS x_orgnr,
       -- a name that reduces to nothing ("(ikke i bruk)") has no key (prepare.sql): no two of them are the same
       coalesce(t.name_key = x.name_key, false) AS same_name, t.name_key AS t_key, x.name_key AS x_key,
       jaro_winkler_similarity(t.name_key, x.name_key) AS name_similarity,
       coalesce(t.name_sorted = x.name_sorted, false) AS same_words,
       -- ... or a typo apart once the words are in order ("Malin Andersen", "Andersen Maln")
       coalesce(damerau_levenshtein(t.name_sorted, x.name_sorted) <= 1, false) AS words_typo_apart,
       -- two different mobiles: on the weight's low path (names that agree), two people (a mobile beside a
       -- switchboard is a contact beside the office)
       coalesce(t.phone <> x.phone AND NOT landline(t.phone) AND NOT landline(x.phone), false) AS phones_differ,
       coalesce(t.phone = x.phone, false) AS same_phone,
       -- ... a phone no other record of either system holds (a property manager's or an accountant's switchboard
       -- serves many: an office's, not the company's)
       same_phone AND t.phone NOT IN (SELECT phone FROM linking_shared_phones) AS own_phone,
       -- a person's own mobile on both (a switchboard may be a group's)
       same_phone AND NOT coalesce(landline(t.phone), false) AS same_mobile,
       coalesce(t.email = x.email AND NOT role_address(t.email), false) AS same_email,
       -- a Norwegian postal code belongs to one town: the same code is the same place however the town is written
       coalesce(t.postal_code = x.postal_code, false) AS same_address,
       -- the same street and house number (the street a typo apart) in the same place (postal code or town: a
       -- Storgata 5 is in most towns), at an address no other record of either system holds there: a private
       -- customer's home, a company's own premises
       coalesce(t.house_number = x.house_number, false) AND streets_agree(t.street_name, x.street_name)
           AND same_place(t.postal_code, x.postal_code, t.city_key, x.city_key) AS same_street,
       same_street
           AND NOT list_has_any(street_places(t.street_key, t.postal_code, t.city_key)
                                || street_places(x.street_key, x.postal_code, x.city_key),
                                (SELECT coalesce(list(place), []) FROM linking_shared_streets)) AS own_street,
       -- a record for a place of work ("- prosjekt Kalfarveien 26", "(trappevask)"): it has the site's address, not
       -- the company's, whose own record may be elsewhere in the same system
       t.site_label OR x.site_label AS site_label,
       coalesce(t.email_domain = x.email_domain, false) AS same_domain,
       coalesce(t.number = x.number, false) AS same_number,
       same_number AND (SELECT copied FROM linking_numbers_copied) AS copied_number,
       coalesce(t.email = x.email AND role_address(t.email), false) AS same_role_address,
       -- another postal code and another town, in another postal district (the first two digits of a Norwegian
       -- postal code): a site address beside a postal address in one area (Kjeller and Skedsmokorset) is neither
       coalesce(t.postal_code <> x.postal_code AND t.city_key <> x.city_key
                AND NOT one_district(t.postal_code, x.postal_code), false) AS other_town,
       -- two different switchboards; a mobile on either side (a contact person's, the owner's) says little
       coalesce(t.phone <> x.phone AND landline(t.phone) AND landline(x.phone), false) AS other_phone,
       -- a DA and an AS (or an SA) of one name are two companies: nobody retypes an AS as a DA
       coalesce(t.legal_form <> x.legal_form, false) AS other_form, t.legal_form AS t_form, x.legal_form AS x_form,
       -- one name is the other with words added ("Fjord Bygg AS", "Fjord Bygg Holding AS"): how a group names its
       -- companies, which share the group's switchboard, e-mail and office, so they corroborate nothing here
       -- (a registered business's owner, named in full on one side, is no group's word: "Murer Sigurd Ugland". Two
       -- private persons are the middle name's question below: a mother and her daughter share a surname and more)
       coalesce(t.organisation_number, x.organisation_number, t.legal_form, x.legal_form) IS NOT NULL AS registered,
       -- (nor is the owner's whole name after it, unless the same system holds the shorter name too: an AS beside
       -- its owner's sole proprietorship, "PT Bygg AS" and "PT Bygg Per Torjussen", two businesses)
       coalesce((owner_added(t.name_key, x.name_key) AND held_by_tripletex.name_key IS NULL)
                OR (owner_added(x.name_key, t.name_key) AND held_by_telaris.name_key IS NULL), false) AS owner_in_full,
       ((words_added(t.name_key, x.name_key) AND NOT (registered AND given_names_added(t.name_key, x.name_key)))
        OR (words_added(x.name_key, t.name_key) AND NOT (registered AND given_names_added(x.name_key, t.name_key))))
       AND NOT owner_in_full
           AS added_words,
       (words_added(t.name_key, x.name_key) OR words_added(x.name_key, t.name_key)) AND NOT added_words AS owner_named,
       -- ... unless what one adds is a label: a place of work, a job, a contact, or the municipality (prepare.sql)
       coalesce((t.label_key = x.name_key AND t.unique_id NOT IN (
                     SELECT unique_id FROM linking_label_held WHERE system = 'telaris'))
                 OR (x.label_key = t.name_key AND x.unique_id NOT IN (
                     SELECT unique_id FROM linking_label_held WHERE system = 'tripletex')), false) AS labelled,
       words_replaced(t.name_key, x.name_key) AS replaced_words,
       len(name_numbers(t.name_key)) > 0 AND len(name_numbers(x.name_key)) > 0
           AND name_numbers(t.name_key) <> name_numbers(x.name_key) AS other_numbers,
       -- a person with a middle name (or given names) on one side, confirmed by what only that person has (a
       -- personal e-mail address or a mobile both records name): a family at one address shares a landline and a
       -- surname
       (person_names_added(t.name_key, x.name_key) OR person_names_added(x.name_key, t.name_key))
           AND t.organisation_number IS NULL AND x.organisation_number IS NULL
           AND t.legal_form IS NULL AND x.legal_form IS NULL
           AND (same_email OR same_mobile) AS middle_name,
       -- a household on one side (a couple, or "Fam. Hansen"), one of its people on the other, confirmed by what
       -- only that person has
       (list_contains(couple_of(t.name_key), x.name_sorted) OR list_contains(couple_of(x.name_key), t.name_sorted)
        OR family_member(t.name_key, x.name_key) OR family_member(x.name_key, t.name_key))
           AND t.organisation_number IS NULL AND x.organisation_number IS NULL
           AND t.legal_form IS NULL AND x.legal_form IS NULL
           AND (same_email OR same_mobile) AS household_member,
       -- a farm and its farmer, confirmed by what only that person has (registered or not: a farm is a business)
       ((farm_member(t.name_key, x.name_key) AND x.legal_form IS NULL)
        OR (farm_member(x.name_key, t.name_key) AND t.legal_form IS NULL)) AND (same_email OR same_mobile) AS farmer,
       -- one name carries a department's label ("avd. Bergen") and the other none: the company itself, labelled, or
       -- its branch (a sub-unit with its own office, switchboard and mailbox, often in the same town, and the
       -- group's role addresses). Only a person both records name tells the two apart: the same person's e-mail
       -- address or mobile. Two different labels are two departments.
       CASE WHEN department(t.name_key) IS NULL AND department(x.name_key) IS NULL THEN false
            WHEN department(t.name_key) IS NOT NULL AND department(x.name_key) IS NOT NULL
                 THEN department(t.name_key) <> department(x.name_key)
            ELSE NOT (same_email OR same_mobile) END
           AS unconfirmed_department,
       -- one side has no number, and the other side's number is another record's (no one has two)
       coalesce((t.organisation_number IS NULL AND x.organisation_number IN (
                     SELECT organisation_number FROM linking_orgnr_owners WHERE system = 'telaris'))
                 OR (x.organisation_number IS NULL AND t.organisation_number IN (
                     SELECT organisation_number FROM linking_orgnr_owners WHERE system = 'tripletex')), false)
           AS orgnr_elsewhere,
       -- the pair's own organisation number is shared by several records (a chain's shops, a municipality's units,
       -- under one legal entity): the number says which entity, the name, address and phone which unit
       coalesce(t.organisation_number = x.organisation_number, false) AS shared_orgnr,
       -- One system holds the party twice (linking_held_twice in prepare.sql says by what). Which of the two to
       -- link is a person's choice, and so is merging the other: linked automatically, one copy would leave the
       -- other unlinked, and an unlinked supplier is created in Tripletex, a second time.
       s.telaris_id IN (SELECT unique_id FROM linking_held_twice WHERE system = 'telaris')
       OR s.tripletex_id IN (SELECT unique_id FROM linking_held_twice WHERE system = 'tripletex') AS duplicated,
       -- ... and the other copies, for the reviewer to find (two equality lookups, not one on "either record")
       concat_ws(', ', (SELECT string_agg(DISTINCT h.copy_id, ', ' ORDER BY h.copy_id) FROM linking_held_twice h
                        WHERE h.system = 'telaris' AND h.unique_id = s.telaris_id),
                       (SELECT string_agg(DISTINCT h.copy_id, ', ' ORDER BY h.copy_id) FROM linking_held_twice h
                        WHERE h.system = 'tripletex' AND h.unique_id = s.tripletex_id)) AS copies,
       -- one record shares its organisation number with records of the other system, and this pair does not hold it
       NOT shared_orgnr AND (s.telaris_id IN (SELECT telaris_id FROM linking_by_orgnr)
                             OR s.tripletex_id IN (SELECT tripletex_id FROM linking_by_orgnr)) AS shares_orgnr
FROM linking_scored s
JOIN linking_telaris t ON t.unique_id = s.telaris_id
JOIN linking_tripletex x ON x.unique_id = s.tripletex_id
-- whether the other system holds this record's name too (for owner_in_full)
LEFT JOIN (SELECT DISTINCT name_key FROM linking_tripletex_all) held_by_tripletex ON held_by_tripletex.name_key = t.name_key
LEFT JOIN (SELECT DISTINCT name_key FROM linking_telaris_all) held_by_telaris ON held_by_telaris.name_key = x.name_key
WHERE NOT EXISTS (SELECT 1 FROM linking_by_orgnr o WHERE o.telaris_id = s.telaris_id
                  AND o.tripletex_id = s.tripletex_id AND o.is_unique);

-- The margin: how far the pair's weight is ahead of the best rival, the next candidate of either record (a pair
-- with two different organisation numbers is no rival). With no rival at all, the margin is unbounded. `eligible`: all
-- that auto asks besides the margin (see linking_candidates).
CREATE OR REPLACE TEMP TABLE linking_first AS
SELECT *,
       weight - greatest(
           coalesce(max(weight) FILTER (WHERE NOT other_orgnr) OVER (PARTITION BY telaris_id ROWS BETWEEN UNBOUNDED
                    PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW), -1e9),
           coalesce(max(weight) FILTER (WHERE NOT other_orgnr) OVER (PARTITION BY tripletex_id ROWS BETWEEN UNBOUNDED
                    PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW), -1e9)) AS first_margin,
       -- an identifier someone copied outweighs one contradiction: a company moves and changes its switchboard, its
       -- customer number stays
       -- (one address counts once: a street address at the same postal code is no second piece of evidence)
       same_phone::INT + same_email::INT + (same_address OR own_street)::INT + 2 * copied_number::INT
           AS corroborations,
       other_town::INT + other_phone::INT + other_form::INT AS contradictions
FROM linking_evidence;

-- One to one: a rival whose other record is already linked automatically to a third one (clearly its best, by the
-- margin) is taken, and no longer stands between this pair and its link. Namesakes that each have their own twin
-- would otherwise keep each other in review for ever. One round: the first round's links are decided on every
-- rival, so what is taken is certain; a pair that is itself taken is never linked.
CREATE OR REPLACE TEMP TABLE linking_judged AS
WITH likely AS (
    -- likely enough: the weight alone says so, or the names agree (the same, reordered or a typo apart, or a
    -- person's with given names added or a household's, confirmed by that person's own e-mail or mobile) and a
    -- reviewer would be asked (the margin and the corroboration then decide)
    SELECT *, weight >= getvariable('linking_auto_weight')
              OR ((same_name OR same_words OR labelled OR words_typo_apart OR middle_name OR household_member OR farmer
                   OR (name_similarity >= getvariable('linking_names_agree')
                       AND damerau_levenshtein(t_key, x_key) <= 1))
                  AND NOT phones_differ
                  AND probability >= getvariable('linking_review')) AS likely
    FROM linking_first),
first AS (
    SELECT *, NOT other_orgnr AND likely
              -- one name and one person's own e-mail address or mobile on both name that person, wherever the
              -- postal address is (moved, a holiday home), and so does a company's own switchboard (an office moved,
              -- an invoice address elsewhere): the one contradiction a town makes does not hold it
              AND (corroborations > contradictions
                   OR ((same_name OR same_words) AND other_town AND contradictions = 1 AND NOT site_label
                       AND (same_email OR same_mobile OR own_phone)))
              AND NOT duplicated
              -- a customer number someone copied from one record into the other is their link, made by hand: it
              -- outweighs a number that another record holds too (a municipality's units share one)
              AND (NOT (orgnr_elsewhere OR shares_orgnr) OR copied_number)
              -- a group's companies share a switchboard, e-mail and office, but never a Tripletex customer number
              AND (NOT (added_words OR replaced_words) OR copied_number OR middle_name OR household_member
                   OR farmer OR labelled)
              AND NOT unconfirmed_department AND NOT other_numbers AS eligible
    FROM likely),
rounds AS (
    SELECT *, eligible AND first_margin >= getvariable('linking_margin') AS first_auto FROM first),
taken AS (
    SELECT *, NOT first_auto AND (bool_or(first_auto) OVER (PARTITION BY telaris_id)
                                  OR bool_or(first_auto) OVER (PARTITION BY tripletex_id)) AS taken
    FROM rounds)
SELECT *,
       weight - greatest(
           coalesce(max(weight) FILTER (WHERE NOT other_orgnr AND NOT taken) OVER (PARTITION BY telaris_id
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW), -1e9),
           coalesce(max(weight) FILTER (WHERE NOT other_orgnr AND NOT taken) OVER (PARTITION BY tripletex_id
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW), -1e9)) AS margin
FROM taken;

-- auto: likely (weight), clearly the best for both records (margin), and corroborated independently of the name by
-- more than contradicts it: a postal code and town that both disagree, two different switchboards, or two different
-- legal forms, block auto unless two other independent pieces of evidence outweigh each (an office that moved, with
-- the same e-mail address and phone; a copied customer number counts as two; one name with a person's own e-mail
-- address or mobile outweighs a town alone). An organisation number that belongs to
-- another record, and a group's names (words added, or a word of each its own), block it unless the copied customer
-- number is the same (a person's middle name is no group's word); names that hold different numbers, a department no
-- person confirms, or a party one system holds twice always block it.
CREATE OR REPLACE TEMP TABLE linking_candidates AS
-- A shared number's pair that Splink scored below even odds (every such pair is compared: it blocks on the number)
-- is another unit of the same company: rejected, so the reviewer of a municipality's fifty units is not asked about
-- 2,500 pairs, yet can still accept one.
SELECT telaris_id, tripletex_id, 1.0 AS score,
       CASE WHEN NOT is_unique THEN 'rejected' WHEN twice IS NULL THEN 'auto' ELSE 'review' END AS decision,
       CASE WHEN NOT is_unique
                 THEN 'the same organisation number, shared by several records; the name and address say another unit'
            WHEN twice IS NULL THEN 'the same organisation number, one to one'
            ELSE 'the same organisation number, one to one; ' || twice || ' has the name and no number: a system '
                 'holds this company twice, pick one' END AS evidence
FROM (SELECT *, (SELECT string_agg(DISTINCT coalesce(n.namesake_telaris, n.namesake_tripletex), ', ')
                 FROM linking_orgnr_namesakes n
                 WHERE n.telaris_id = o.telaris_id AND n.tripletex_id = o.tripletex_id) AS twice
      FROM linking_by_orgnr o) o
WHERE is_unique OR NOT EXISTS (SELECT 1 FROM linking_judged j WHERE j.telaris_id = o.telaris_id
                                                               AND j.tripletex_id = o.tripletex_id
                                                               AND j.probability >= getvariable('linking_review'))
UNION ALL
-- ... and the namesake, which Splink never compares with the holder's twin (the number settled that record)
SELECT coalesce(namesake_telaris, telaris_id), coalesce(namesake_tripletex, tripletex_id), 1.0, 'review',
       'another record of this company, '
       || CASE WHEN namesake_telaris IS NULL THEN tripletex_id ELSE telaris_id END
       || ', holds the organisation number this one lacks: a system holds this company twice, pick one'
FROM linking_orgnr_namesakes
UNION ALL
SELECT telaris_id, tripletex_id, probability,
       CASE WHEN other_orgnr THEN 'rejected'
            -- (a labelled record whose rival was taken is a site whose company is held too: a person's pick)
            WHEN first_auto OR (eligible AND NOT taken AND NOT labelled AND margin >= getvariable('linking_margin'))
                 THEN 'auto'
            ELSE 'review' END,
       CASE WHEN other_orgnr
                 THEN 'different organisation numbers (' || t_orgnr || ', ' || x_orgnr
                      || ') despite a match weight of ' || round(weight, 1)
            ELSE CASE WHEN shared_orgnr THEN 'the same organisation number, shared by several records; ' ELSE '' END
                 || 'match weight ' || round(weight, 1)
                 || CASE WHEN first_margin > 1e8 THEN ', no other candidate'
                         WHEN margin > 1e8 THEN ', no other candidate but ones linked automatically to another record'
                         ELSE ', ' || round(margin, 1) || ' ahead of the next candidate'
                              || CASE WHEN margin > first_margin
                                      THEN ' not linked automatically to another record' ELSE '' END END
                 || ': ' || concat_ws(', ',
                      CASE WHEN same_name THEN 'same name'
                           WHEN same_words THEN 'same name, its words in another order'
                           ELSE 'similar name (' || round(name_similarity, 2) || ')' END,
                      CASE WHEN same_address THEN 'same postal code' END,
                      CASE WHEN own_street THEN 'same street address' END,
                      CASE WHEN same_email THEN 'same e-mail address'
                           WHEN same_role_address THEN 'same role address (post@, faktura@ …)'
                           WHEN same_domain THEN 'same e-mail domain' END,
                      CASE WHEN same_phone THEN 'same phone' END,
                      CASE WHEN copied_number THEN 'same number'
                           WHEN same_number THEN 'same number (numbers are not copied here: chance)' END)
                 || CASE WHEN likely AND margin < getvariable('linking_margin')
                         THEN '; another record is a candidate too' ELSE '' END
                 -- (what keeps a pair from being likely: said, so no review comes without a reason)
                 || CASE WHEN likely THEN ''
                         WHEN phones_differ THEN '; two different mobiles (two people?)'
                         ELSE '; the names differ by more than a typo, and the weight alone is too low' END
                 || CASE WHEN corroborations = 0 THEN '; nothing independent of the name (an organisation number, '
                              'phone, a person''s e-mail address, a copied number, street address or postal code)' ELSE '' END
                 || CASE WHEN other_town THEN '; the postal code and town disagree' ELSE '' END
                 || CASE WHEN other_phone THEN '; different switchboards' ELSE '' END
                 || CASE WHEN other_form THEN '; different legal forms (' || upper(t_form) || ', ' || upper(x_form)
                                              || ')' ELSE '' END
                 || CASE WHEN household_member THEN '; a household on one side, one of its people on the other, the '
                              'same person''s e-mail or mobile'
                         WHEN farmer THEN '; a farm on one side, a person of its name on the other, the same '
                              'person''s e-mail or mobile'
                         WHEN middle_name THEN '; a middle name on one side, the same person''s e-mail or mobile'
                         WHEN labelled THEN '; one name is the other''s with a label (a place of work, a job, a '
                              'contact, or its municipality)'
                         WHEN added_words THEN '; one name is the other with words added (a group company?)'
                         WHEN owner_named THEN '; one name adds its owner''s name, in full, to the other'
                         ELSE '' END
                 || CASE WHEN replaced_words THEN '; each name has a word the other lacks (a group company?)'
                         ELSE '' END
                 || CASE WHEN other_numbers THEN '; the names hold different numbers (another address or company?)'
                         ELSE '' END
                 || CASE WHEN unconfirmed_department THEN '; a department''s name (a branch?), and no person''s '
                              'e-mail address or mobile both records name confirms it' ELSE '' END
                 || CASE WHEN orgnr_elsewhere THEN '; the organisation number on one side belongs to another record'
                         ELSE '' END
                 || CASE WHEN duplicated THEN '; a system holds this party twice (' || copies || ' too: one name, or '
                              'a person''s name within the other, with one organisation number, person''s e-mail or '
                              'mobile, or at one postal code under one legal form): pick one' ELSE '' END
                 || CASE WHEN shares_orgnr THEN '; one record shares an organisation number with another'
                         ELSE '' END END
FROM linking_judged j
-- (pairs below the review threshold were scored for the margin only: no question for a reviewer; a namesake of a
-- number's holder is the question above)
WHERE probability >= getvariable('linking_review')
  AND NOT EXISTS (SELECT 1 FROM linking_orgnr_namesakes n
                  WHERE coalesce(n.namesake_telaris, n.telaris_id) = j.telaris_id
                    AND coalesce(n.namesake_tripletex, n.tripletex_id) = j.tripletex_id);

-- A candidate of a record that is linked automatically to another one is not a question for a reviewer. (Two
-- equality joins: a join on "either record" would compare every candidate with every auto link.)
CREATE OR REPLACE TEMP TABLE linking_decided AS
WITH auto AS (SELECT telaris_id, tripletex_id FROM linking_candidates WHERE decision = 'auto'),
     by_telaris AS (SELECT telaris_id, any_value(tripletex_id) AS auto_x FROM auto GROUP BY ALL),
     by_tripletex AS (SELECT tripletex_id, any_value(telaris_id) AS auto_t FROM auto GROUP BY ALL)
SELECT c.telaris_id, c.tripletex_id, c.score,
       CASE WHEN c.decision = 'review' AND (bt.auto_x IS NOT NULL OR bx.auto_t IS NOT NULL) THEN 'rejected'
            ELSE c.decision END AS decision,
       CASE WHEN c.decision <> 'review' THEN c.evidence
            WHEN bt.auto_x IS NOT NULL
                 THEN c.evidence || '; outranked: ' || c.telaris_id || ' is linked automatically to ' || bt.auto_x
            WHEN bx.auto_t IS NOT NULL
                 THEN c.evidence || '; outranked: ' || bx.auto_t || ' is linked automatically to ' || c.tripletex_id
            ELSE c.evidence END AS evidence
FROM linking_candidates c
LEFT JOIN by_telaris bt ON bt.telaris_id = c.telaris_id AND bt.auto_x <> c.tripletex_id
LEFT JOIN by_tripletex bx ON bx.tripletex_id = c.tripletex_id AND bx.auto_t <> c.telaris_id;

DELETE FROM link_proposals WHERE kind = '${kind}' AND status = 'open';
INSERT INTO link_proposals (kind, telaris_id, tripletex_id, score, decision, evidence, status, proposed_at)
SELECT '${kind}', telaris_id, tripletex_id::BIGINT, score, decision, evidence, 'open', $1
FROM linking_decided d
WHERE NOT EXISTS (SELECT 1 FROM link_proposals p WHERE p.kind = '${kind}' AND p.telaris_id = d.telaris_id
                  AND p.tripletex_id = d.tripletex_id::BIGINT);
