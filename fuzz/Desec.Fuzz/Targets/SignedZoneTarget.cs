using System.Security.Cryptography;
using Desec.Signer.Storage;
using Desec.Zone.Names;

namespace Desec.Fuzz.Targets;

/// <summary>
/// A signed version in the state folder: <see cref="SignedZoneFile.Decode"/>, which may only throw
/// <see cref="InvalidDataException"/>, then <see cref="SignedZoneStore.Load"/> (decode, rebuild,
/// signature sample), which never throws: a damaged file is <see cref="StoredFit.Unusable"/>.
/// The input's SHA-256 trailer is set right first, so mutations get past the checksum.
/// </summary>
public sealed class SignedZoneTarget : IFuzzTarget
{
    private const int DigestLength = 32;
    private const int HeaderLength = 8;

    private readonly Lazy<SignedZoneStore> _store = new(() => new(Directory.CreateDirectory(Path.Combine(Fixture.Scratch, "signed")).FullName));

    public string Name => "signedzone";

    public void Run(byte[] input)
    {
        FixChecksum(input);
        DnsName zone = Fixture.Com;
        try
        {
            // Loaded as the zone it claims to be when that is a fixture zone (only those have keys here).
            if (SignedZoneFile.Decode(input).Origin == Fixture.Net) { zone = Fixture.Net; }
        }
        catch (InvalidDataException) { }

        var store = _store.Value;
        File.WriteAllBytes(store.PathOf(zone), input);
        var unsigned = zone == Fixture.Net ? Fixture.Versions.Net.Zone : Fixture.Versions.Second.Zone;
        store.Load(zone, SigningInputs.UnsignedDigest(unsigned), Fixture.Keys(zone), Fixture.Policy(zone), null, Fixture.Now);
    }

    /// <summary>The last 32 octets become the SHA-256 of the rest, as <see cref="SignedZoneFile.Encode"/> writes them.</summary>
    public static void FixChecksum(byte[] file)
    {
        if (file.Length < HeaderLength + DigestLength) { return; }
        SHA256.HashData(file.AsSpan(0, file.Length - DigestLength), file.AsSpan(file.Length - DigestLength));
    }
}
