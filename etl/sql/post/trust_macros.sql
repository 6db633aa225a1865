-- Helpers of the trust columns (etl/sql/post/event_trust.sql, leg_trust.sql). Temp macros
-- of the build connection, like etl/sql/macros.sql.

-- How far along a report is, by its status: a report at an earlier stage than the event's
-- (planned before it occurred, pledged before it was delivered) tells the same story, only
-- earlier. Visits and meetings: possible, planned, then settled (occurred or cancelled);
-- aid: requested, proposed, authorized, pledged or announced, delivered.
create or replace temp macro trust_stage(event_type, s) as
    case
        when event_type = 'aid' then
            case s when 'requested' then 0 when 'proposed' then 1 when 'authorized' then 2
                   when 'pledged' then 3 when 'announced' then 3 when 'delivered' then 4 end
        else
            case s when 'possible' then 0 when 'planned' then 1 when 'occurred' then 2
                   when 'cancelled' then 2 end
    end;

-- A report agrees with its event when it gives the event's status, the same stage of it
-- (pledged, announced), or an earlier stage published no later than the last report of the
-- event's status. A casualty report has no status: it always agrees with its figure.
create or replace temp macro trust_agrees(event_type, said, event_status, published, settled_on) as
    said is not distinct from event_status
    or (said is not null and event_status is not null
        and trust_stage(event_type, said) = trust_stage(event_type, event_status)
        and said not in ('occurred', 'cancelled'))
    or (trust_stage(event_type, said) < trust_stage(event_type, event_status)
        and (published is null or settled_on is null or published <= settled_on));

-- The outlet a report counts for when independent outlets are counted: the wire before
-- " via " ("AFP via France 24" is AFP), and one outlet for all the articles that name none,
-- so copies of one wire story or unattributed articles never count as independent.
create or replace temp macro trust_outlet(source) as
    coalesce(nullif(trim(split_part(source, ' via ', 1)), ''), 'an unnamed outlet');

-- The weaker of two review states, for a leg between two stops: verified only when both ends
-- are reviewed; corrected when either end was corrected and the other reviewed.
create or replace temp macro trust_weaker(a, b) as
    case
        when a = 'unreviewed' or b = 'unreviewed' or a is null or b is null then 'unreviewed'
        when a = 'corrected' or b = 'corrected' then 'corrected'
        else 'verified'
    end;
