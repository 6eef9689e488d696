using Npgsql;

namespace Interop.Tests.Postgres;

/// <summary>Writes test zones as rows, the way an operator or an API would with SQL.</summary>
public static class TestZones
{
    /// <summary>A zone with SOA, NS and the given extra rows (owner, type, rdata), TTL 300.</summary>
    public static async Task CreateAsync(string connectionString, string zone, params (string Owner, string Type, string Rdata)[] extra)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, transaction, "INSERT INTO zones (name) VALUES ($1)", zone);
        (string, string, string)[] rows =
        [
            ("@", "SOA", "ns1 hostmaster 1 7200 1800 1209600 300"),
            ("@", "NS", "ns1"),
            ("ns1", "A", "192.0.2.53"),
            .. extra,
        ];
        foreach (var (owner, type, rdata) in rows)
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO records (zone, owner, type, ttl, rdata) VALUES ($1, $2, $3, 300, $4)", zone, owner, type, rdata);
        }
        await transaction.CommitAsync();
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values) { command.Parameters.AddWithValue(value); }
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await ExecuteAsync(connection, null, sql, values);
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) { command.Parameters.AddWithValue(value); }
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
