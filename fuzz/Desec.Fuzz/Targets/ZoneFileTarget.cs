using System.Text;
using Desec.Zone.Zones;

namespace Desec.Fuzz.Targets;

/// <summary>
/// A zone file as <c>desec-auth check --print</c> and the server load it: <see cref="ZoneFile.Load"/>
/// (parse, then build and validate), then the canonical print. Contract: never throws; every problem
/// is an error or a warning in the result (with file, line and column).
/// </summary>
public sealed class ZoneFileTarget : IFuzzTarget
{
    private string? _path;

    public string Name => "zonefile";

    public void Run(byte[] input)
    {
        if (_path is null)
        {
            string directory = Directory.CreateDirectory(Path.Combine(Fixture.Scratch, "zonefile")).FullName;
            // What a relative $INCLUDE in the corpus names.
            File.WriteAllText(Path.Combine(directory, "included.inc"), "included TXT \"from the included file\"\n");
            _path = Path.Combine(directory, "example.com.zone");
        }
        // $INCLUDE reads any file it names (/dev/zero never ends): inputs that could name one outside
        // this folder are skipped, so the fuzzer explores includes only of the files here.
        if (MayIncludeOutside(input)) { return; }
        File.WriteAllBytes(_path, input);
        var loaded = ZoneFile.Load(_path, Fixture.Com);
        if (loaded.Zone is { } zone) { ZonePrinter.WriteCanonical(zone, TextWriter.Null); }
    }

    /// <summary>A $INCLUDE with a path separator, or with a backslash (an escape could spell one).</summary>
    private static bool MayIncludeOutside(byte[] input) =>
        Encoding.Latin1.GetString(input).Contains("$include", StringComparison.OrdinalIgnoreCase)
        && (input.Contains((byte)'/') || input.Contains((byte)'\\'));
}
