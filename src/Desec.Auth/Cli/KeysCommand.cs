using System.CommandLine;
using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Records;

namespace Desec.Auth.Cli;

/// <summary>
/// <c>desec-auth keys ZONE [--state DIR] [--sha384]</c>: the zone's keys (tag, algorithm, role)
/// and the DS records to give the parent (SHA-256; SHA-384 on request).
/// </summary>
public static class KeysCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var zone = new Argument<string>("ZONE") { Description = "the zone's name" };
        var state = new Option<string>("--state") { Description = "state folder holding the keys (default: ./state)", DefaultValueFactory = _ => "state" };
        var sha384 = new Option<bool>("--sha384") { Description = "also print DS records with SHA-384 (digest type 4)" };
        var command = new Command("keys", "list a zone's keys and the DS records for its parent") { zone, state, sha384 };
        command.SetAction(result => Run(result.GetValue(zone)!, result.GetValue(state)!, result.GetValue(sha384), output, error));
        return command;
    }

    public static int Run(string zoneText, string stateDirectory, bool sha384, TextWriter output, TextWriter error)
    {
        if (!DnsName.TryParseAbsolute(zoneText, out var zone, out var reason))
        {
            error.WriteLine($"error: '{zoneText}': {reason}");
            return 2;
        }
        IReadOnlyList<DnssecKey> keys;
        try { keys = new KeyStore(Path.Combine(stateDirectory, "keys")).Load(zone); }
        catch (Exception e) when (e is KeyFileException or DnssecKeyException or IOException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        if (keys.Count == 0)
        {
            error.WriteLine($"{zone}: no keys in {Path.Combine(stateDirectory, "keys")} (the server makes one when it first loads the zone)");
            return 1;
        }
        foreach (var key in keys)
        {
            output.WriteLine($"; {key.Role} tag {key.KeyTag} algorithm {key.Algorithm.Number} ({key.Algorithm.Mnemonic}) flags {key.Flags} created {key.Created:u} file {key.FileBaseName}");
        }
        foreach (var key in keys.Where(k => k.IsSecureEntryPoint))
        {
            foreach (byte digest in sha384 ? [DsRecord.Sha256, DsRecord.Sha384] : new[] { DsRecord.Sha256 })
            {
                output.WriteLine($"{zone.ToLower()}\tIN\tDS\t{RdataCodecs.Format(RRType.DS, key.DsRdata(digest))}");
            }
        }
        return 0;
    }
}
