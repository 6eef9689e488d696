namespace Desec.Auth.Database;

/// <summary>
/// Version 1: zones (name, DNSSEC policy, a version counter) and their records in presentation
/// format, with triggers that bump the zone's version and notify the server on every change.
/// </summary>
internal static class SchemaV1
{
    public const string Sql = """
        CREATE TABLE zones (
            -- Absolute, lower case, with the final dot: 'example.com.'
            name text PRIMARY KEY CHECK (right(name, 1) = '.' AND name = lower(name)),
            -- Raised by every change of the zone or its records; the server compares it to what it serves.
            version bigint NOT NULL DEFAULT 1,
            changed timestamptz NOT NULL DEFAULT now(),
            -- DNSSEC policy; NULL keeps the server's configured value.
            algorithm text,
            denial text CHECK (denial IN ('nsec', 'nsec3')),
            nsec3_parameters text,
            signature_validity_days double precision,
            key_ttl bigint CHECK (key_ttl BETWEEN 0 AND 2147483647),
            cds_digest_types smallint[],
            publish_provisioned_sep_cds boolean,
            csync boolean
        );

        -- One row per record. Owner relative to the zone (or absolute, with the final dot); type as
        -- a mnemonic or TYPEnnn; RDATA exactly as in a zone file (relative names complete with the zone).
        -- Apex DNSKEY, CDS and CDNSKEY rows are other signers' keys (multi-signer), as in zone files.
        CREATE TABLE records (
            id bigserial PRIMARY KEY,
            zone text NOT NULL REFERENCES zones (name) ON DELETE CASCADE ON UPDATE CASCADE,
            owner text NOT NULL,
            type text NOT NULL,
            ttl bigint NOT NULL CHECK (ttl BETWEEN 0 AND 2147483647),
            rdata text NOT NULL
        );
        CREATE INDEX records_zone ON records (zone, id);

        -- Any update of a zone row that does not set the version itself raises it.
        CREATE FUNCTION desec_auth_zone_touched() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.version = OLD.version THEN NEW.version := OLD.version + 1; END IF;
            NEW.changed := now();
            RETURN NEW;
        END $$;
        CREATE TRIGGER zones_touched BEFORE UPDATE ON zones FOR EACH ROW EXECUTE FUNCTION desec_auth_zone_touched();

        -- NOTIFY is delivered at COMMIT, once per zone and transaction (equal payloads fold).
        CREATE FUNCTION desec_auth_zone_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM pg_notify('desec_auth_zones', OLD.name); END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM pg_notify('desec_auth_zones', NEW.name); END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER zones_notify AFTER INSERT OR UPDATE OR DELETE ON zones FOR EACH ROW EXECUTE FUNCTION desec_auth_zone_notify();

        -- Record changes raise their zones' versions once per statement (a bulk insert touches each zone once).
        CREATE FUNCTION desec_auth_records_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE zones SET version = version + 1 WHERE name IN (SELECT zone FROM new_rows);
            RETURN NULL;
        END $$;
        CREATE FUNCTION desec_auth_records_updated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE zones SET version = version + 1 WHERE name IN (SELECT zone FROM new_rows UNION SELECT zone FROM old_rows);
            RETURN NULL;
        END $$;
        CREATE FUNCTION desec_auth_records_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE zones SET version = version + 1 WHERE name IN (SELECT zone FROM old_rows);
            RETURN NULL;
        END $$;
        CREATE TRIGGER records_inserted AFTER INSERT ON records REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION desec_auth_records_inserted();
        CREATE TRIGGER records_updated AFTER UPDATE ON records REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION desec_auth_records_updated();
        CREATE TRIGGER records_deleted AFTER DELETE ON records REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION desec_auth_records_deleted();
        """;
}
