namespace Desec.Auth.Database;

/// <summary>Version 2: the zone versions the server refused, with the row and the reason, for the operator to read.</summary>
internal static class SchemaV2
{
    public const string Sql = """
        CREATE TABLE zone_errors (
            id bigserial PRIMARY KEY,
            zone text NOT NULL,
            -- The zones.version that was refused; the last good version keeps being served.
            zone_version bigint,
            -- The records row at fault (NULL when the fault is the zone as a whole), and the row as text.
            record_id bigint,
            record text,
            why text NOT NULL,
            at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX zone_errors_zone ON zone_errors (zone, at);
        """;
}
