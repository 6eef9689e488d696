using Npgsql;

namespace Desec.Auth.Database;

/// <summary>
/// The project's PostgreSQL schema, as numbered migrations. <see cref="MigrateAsync"/> applies the
/// ones a database lacks, each in its own transaction together with its row in
/// <c>schema_version</c>, so running it again is a no-op and a failed step leaves the previous
/// version whole.
/// </summary>
public static class Schema
{
    /// <summary>The channel the triggers notify on; the payload is the zone's name.</summary>
    public const string Channel = "desec_auth_zones";

    /// <summary>Migration N (1-based) is at index N-1. Never edit a published one: add a new one.</summary>
    public static readonly IReadOnlyList<string> Migrations = [SchemaV1.Sql, SchemaV2.Sql];

    public static int Latest => Migrations.Count;

    /// <summary>
    /// Brings the database up to <paramref name="target"/> (default: the latest). Returns the versions
    /// applied now (empty when it was up to date).
    /// </summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlConnection connection, int? target = null, CancellationToken cancel = default)
    {
        int upTo = target ?? Latest;
        var applied = new List<int>();
        await using (var create = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())", connection))
        {
            await create.ExecuteNonQueryAsync(cancel);
        }
        for (int version = 1; version <= upTo; version++)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancel);
            // Two `db init` at once: the second waits here and then finds the step done.
            await Execute(connection, transaction, "SELECT pg_advisory_xact_lock(7135021)", cancel);
            await using (var check = new NpgsqlCommand("SELECT count(*) FROM schema_version WHERE version = $1", connection, transaction))
            {
                check.Parameters.AddWithValue(version);
                if ((long)(await check.ExecuteScalarAsync(cancel))! > 0) { await transaction.RollbackAsync(cancel); continue; }
            }
            await Execute(connection, transaction, Migrations[version - 1], cancel);
            await using (var record = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES ($1)", connection, transaction))
            {
                record.Parameters.AddWithValue(version);
                await record.ExecuteNonQueryAsync(cancel);
            }
            await transaction.CommitAsync(cancel);
            applied.Add(version);
        }
        return applied;
    }

    /// <summary>The highest migration applied, 0 for a database without the schema.</summary>
    public static async Task<int> VersionAsync(NpgsqlConnection connection, CancellationToken cancel = default)
    {
        await using var command = new NpgsqlCommand(
            "SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 ELSE (SELECT coalesce(max(version), 0) FROM schema_version) END",
            connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancel));
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancel);
    }
}
