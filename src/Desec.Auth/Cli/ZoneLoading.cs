using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Auth.Cli;

/// <summary>Loads one zone file for a command, printing warnings and every error.</summary>
public static class ZoneLoading
{
    public static Zone.Zones.Zone? LoadFile(FileInfo file, string? originText, TextWriter error)
    {
        if (!file.Exists)
        {
            error.WriteLine($"{file.FullName}: no such file");
            return null;
        }
        DnsName? origin = null;
        if (originText is not null)
        {
            if (!DnsName.TryParse(originText.EndsWith('.') ? originText : originText + ".", null, out var parsed, out var reason))
            {
                error.WriteLine($"--origin '{originText}': {reason}");
                return null;
            }
            origin = parsed;
        }
        var parse = ZoneFileParser.ParseFile(file.FullName, origin);
        foreach (var warning in parse.Warnings) { error.WriteLine($"warning: {warning}"); }
        if (!parse.Success)
        {
            foreach (var e in parse.Errors) { error.WriteLine($"error: {e.Message}"); }
            error.WriteLine($"{parse.Origin}: not loaded, {parse.Errors.Count} error(s)");
            return null;
        }
        var build = ZoneBuilder.Build(parse.Origin, parse.Records);
        foreach (var warning in build.Warnings) { error.WriteLine($"warning: {warning}"); }
        if (!build.Success)
        {
            foreach (var e in build.Errors) { error.WriteLine($"error: {e}"); }
            error.WriteLine($"{parse.Origin}: not loaded, {build.Errors.Count} error(s)");
            return null;
        }
        return build.Zone;
    }
}
