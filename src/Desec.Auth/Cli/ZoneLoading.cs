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
            if (!DnsName.TryParseAbsolute(originText, out var parsed, out var reason))
            {
                error.WriteLine($"--origin '{originText}': {reason}");
                return null;
            }
            origin = parsed;
        }
        var loaded = ZoneFile.Load(file.FullName, origin);
        foreach (var warning in loaded.Warnings) { error.WriteLine($"warning: {warning}"); }
        if (loaded.Zone is null)
        {
            foreach (var e in loaded.Errors) { error.WriteLine($"error: {e}"); }
            error.WriteLine($"{loaded.Origin}: not loaded, {loaded.Errors.Count} error(s)");
            return null;
        }
        return loaded.Zone;
    }
}
