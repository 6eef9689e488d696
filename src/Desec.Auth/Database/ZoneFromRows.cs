using System.Globalization;
using Desec.Auth.Config;
using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Zones;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Auth.Database;

/// <summary>A reason a zone version was refused: the row at fault (when there is one) and why.</summary>
public sealed record RowError(long? RecordId, string? Record, string Why)
{
    public override string ToString() => RecordId is null ? Why : $"records row {RecordId} ({Record}): {Why}";
}

/// <summary>What building a zone from its rows produced: the zone, or every error.</summary>
public sealed class RowsBuild
{
    public required DnsName Origin { get; init; }
    public ZoneData? Zone { get; set; }
    public List<RowError> Errors { get; } = [];
    public List<string> Warnings { get; } = [];
}

/// <summary>
/// Turns the rows of one zone into a <see cref="ZoneData"/> through the same parser pieces and the
/// same <see cref="ZoneBuilder"/> validation as a zone file: a bad row refuses the whole version.
/// </summary>
public static class ZoneFromRows
{
    private const string RowPrefix = "records row ";

    /// <param name="forSigning">Also refuse what the signer would (other signers' keys that are malformed or below the
    /// apex), so that the row is named; export leaves this to the server.</param>
    /// <param name="checkPolicy">Checks the zone's policy columns; returns why they are bad, or null.</param>
    public static RowsBuild Build(ZoneRow zone, IReadOnlyList<RecordRow> rows, bool forSigning = false,
        Func<DnsName, SigningConfig, string?>? checkPolicy = null)
    {
        if (!DnsName.TryParseAbsolute(zone.Name, out var origin, out var nameError))
        {
            var failed = new RowsBuild { Origin = DnsName.Root };
            failed.Errors.Add(new RowError(null, null, $"zone name '{zone.Name}': {nameError}"));
            return failed;
        }
        var result = new RowsBuild { Origin = origin };
        // One zone, one spelling: 'abc.example.' and '\097bc.example.' are the same name, and two rows for it
        // would be two zones with one origin. zones.name must be the form the server writes (db import, KeyOf).
        if (ZoneImport.KeyOf(origin) is var canonical && canonical != zone.Name)
        {
            result.Errors.Add(new RowError(null, null,
                $"zone name '{zone.Name}' is not in canonical form (lower case, RFC 1035 §5.1 escapes only where needed); write it as '{canonical}'"));
        }
        foreach (var problem in zone.Problems) { result.Errors.Add(new RowError(null, null, $"zones row: {problem}")); }
        if (checkPolicy?.Invoke(origin, zone.Policy) is { } policyError) { result.Errors.Add(new RowError(null, null, policyError)); }
        else if (zone.Policy.Nsec3Parameters is { } nsec3 && TryAdvice(nsec3) is { } advice)
        {
            result.Warnings.Add($"zone {origin}: zones.nsec3_parameters: {advice}");
        }
        var records = new List<ResourceRecord>(rows.Count);
        var byId = new Dictionary<long, RecordRow>();
        var scratch = new RdataBuilder();
        foreach (var row in rows)
        {
            byId[row.Id] = row;
            string location = RowPrefix + row.Id.ToString(CultureInfo.InvariantCulture);
            if (row.Problem is not null || row.Owner is null || row.Type is null || row.Rdata is null)
            {
                result.Errors.Add(new RowError(row.Id, row.ToString(), row.Problem ?? "a column is missing"));
                continue;
            }
            if (!DnsName.TryParse(row.Owner.Trim(), origin, out var owner, out var ownerError))
            {
                result.Errors.Add(new RowError(row.Id, row.ToString(), $"owner '{row.Owner}': {ownerError}"));
                continue;
            }
            if (!RRType.TryParse(row.Type.Trim(), out ushort type))
            {
                result.Errors.Add(new RowError(row.Id, row.ToString(), $"unknown type '{row.Type}'"));
                continue;
            }
            if (RRType.IsMetaOrQuery(type))
            {
                result.Errors.Add(new RowError(row.Id, row.ToString(), $"{RRType.ToText(type)} is not zone data"));
                continue;
            }
            byte[] rdata;
            try
            {
                rdata = RdataCodecs.Parse(type, RdataTokens.FromString(row.Rdata, origin, location), scratch);
            }
            catch (ZoneTextException e)
            {
                result.Errors.Add(new RowError(row.Id, row.ToString(), $"RDATA: {e.Reason}"));
                continue;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A parser fault on outside text: refuse the row (named), never let it stop other zones.
                result.Errors.Add(new RowError(row.Id, row.ToString(), $"RDATA could not be read ({e.GetType().Name}: {e.Message})"));
                continue;
            }
            var record = new ResourceRecord(owner, type, (uint)row.Ttl, rdata) { Location = location };
            // Other signers' keys are checked here too (the signer checks them again), so that a bad one
            // is refused with its row rather than only when signing (RFC 8901 §2, RFC 7344 §4).
            if (forSigning && Desec.Signer.Apex.ApexRecords.IsKeyType(type))
            {
                string? why = owner != origin
                    ? $"{RRType.ToText(type)} is only allowed at the apex (RFC 4035 §2.1, RFC 7344 §4)"
                    : Desec.Signer.Apex.ProvisionedKeyCheck.Check(record) is { } reason ? $"provisioned {RRType.ToText(type)}: {reason}" : null;
                if (why is not null)
                {
                    result.Errors.Add(new RowError(row.Id, row.ToString(), why));
                    continue;
                }
            }
            records.Add(record);
        }
        if (result.Errors.Count > 0) { return result; }
        var built = ZoneBuilder.Build(origin, records);
        foreach (var warning in built.Warnings) { result.Warnings.Add($"zone {origin}: {Describe(warning, byId)}"); }
        foreach (var error in built.Errors)
        {
            var row = RowOf(error, byId);
            result.Errors.Add(new RowError(row?.Id, row?.ToString(), (error.Owner is null ? "" : error.Owner + ": ") + error.Message));
        }
        if (built.Errors.Count == 0 && built.Zone is null) { result.Errors.Add(new RowError(null, null, "the zone has no SOA record at its apex")); }
        if (result.Errors.Count == 0) { result.Zone = built.Zone; }
        return result;
    }

    private static string? TryAdvice(string nsec3)
    {
        try { return Desec.Signer.Denial.Nsec3Parameters.Parse(nsec3).Advice; }
        catch (FormatException) { return null; } // refused by the policy check, with the reason
    }

    private static RecordRow? RowOf(ZoneProblem problem, Dictionary<long, RecordRow> byId) =>
        problem.Location is { } location && location.StartsWith(RowPrefix, StringComparison.Ordinal)
        && long.TryParse(location.AsSpan(RowPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long id)
        && byId.TryGetValue(id, out var row) ? row : null;

    private static string Describe(ZoneProblem problem, Dictionary<long, RecordRow> byId) =>
        RowOf(problem, byId) is { } row ? $"records row {row.Id} ({row}): {problem.Message}" : problem.ToString();
}
