using System.CommandLine;
using System.Text;
using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Auth.Cli;

/// <summary>
/// <c>desec-auth sign FILE [--origin NAME] [--state DIR] [--nsec|--nsec3] [-o OUT]</c>: signs a zone
/// file offline, like ldns-signzone, with the zone's keys from the state folder (a CSK is made
/// when there is none). The serial is kept as the file has it.
/// </summary>
public static class SignCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "the zone file" };
        var origin = new Option<string?>("--origin") { Description = "the zone's name (default: the file name without .zone)" };
        var state = new Option<string>("--state") { Description = "state folder holding the keys (default: ./state)", DefaultValueFactory = _ => "state" };
        var nsec = new Option<bool>("--nsec") { Description = "deny existence with NSEC" };
        var nsec3 = new Option<bool>("--nsec3") { Description = "deny existence with NSEC3 1 0 0 - (the default)" };
        var outputFile = new Option<string?>("-o", "--output") { Description = "where to write the signed zone (default: stdout)" };
        var command = new Command("sign", "sign a zone file offline") { file, origin, state, nsec, nsec3, outputFile };
        command.SetAction(result =>
        {
            if (result.GetValue(nsec) && result.GetValue(nsec3))
            {
                error.WriteLine("error: --nsec and --nsec3 exclude each other");
                return 2;
            }
            var policy = new SigningPolicy { Denial = result.GetValue(nsec) ? DenialMode.Nsec : DenialMode.Nsec3 };
            return Run(result.GetValue(file)!, result.GetValue(origin), result.GetValue(state)!, policy, result.GetValue(outputFile), output, error);
        });
        return command;
    }

    public static int Run(FileInfo file, string? originText, string stateDirectory, SigningPolicy policy, string? outputPath,
        TextWriter output, TextWriter error)
    {
        var zone = ZoneLoading.LoadFile(file, originText, error);
        if (zone is null) { return 1; }
        IReadOnlyList<DnssecKey> keys;
        try
        {
            keys = new KeyStore(Path.Combine(stateDirectory, "keys")).LoadOrCreate(zone.Origin, policy.Algorithm);
        }
        catch (Exception e) when (e is KeyFileException or DnssecKeyException or IOException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        var signed = ZoneSigner.Sign(zone, keys, policy, ZoneSigner.SourceSerial(zone), DateTimeOffset.UtcNow);
        foreach (var warning in signed.Warnings) { error.WriteLine($"warning: {warning}"); }
        if (!signed.Success)
        {
            foreach (var e in signed.Errors) { error.WriteLine($"error: {e}"); }
            return 1;
        }
        var writer = outputPath is null ? output : new StreamWriter(outputPath, false, new UTF8Encoding(false));
        try
        {
            var line = new StringBuilder(512);
            foreach (var record in signed.Zone!.Records)
            {
                line.Clear();
                record.AppendTo(line);
                writer.WriteLine(line);
            }
        }
        finally
        {
            if (outputPath is not null) { writer.Dispose(); }
        }
        error.WriteLine($"{zone.Origin}: signed with {string.Join(", ", keys)}; {policy.Denial}");
        return 0;
    }
}
