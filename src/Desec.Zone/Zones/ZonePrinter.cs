using System.Text;

namespace Desec.Zone.Zones;

/// <summary>Writes a zone as text: one record per line in canonical order (RFC 4034 §6.1, then type, then RDATA).</summary>
public static class ZonePrinter
{
    public static void WriteCanonical(Zone zone, TextWriter output)
    {
        var line = new StringBuilder(256);
        foreach (var record in zone.Records)
        {
            line.Clear();
            record.AppendTo(line);
            output.WriteLine(line);
        }
    }
}
