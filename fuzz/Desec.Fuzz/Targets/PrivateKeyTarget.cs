using System.Text;
using Desec.Signer.Keys;

namespace Desec.Fuzz.Targets;

/// <summary>
/// A BIND <c>.private</c> key file (<see cref="BindPrivateKeyFile.Parse"/>), then a signature and its
/// check with the key it gave: a key file that reads must sign. Contract: bad files throw
/// <see cref="KeyFileException"/> and nothing else.
/// </summary>
public sealed class PrivateKeyTarget : IFuzzTarget
{
    private static readonly byte[] Data = "the RRSIG signing input of RFC 4034 §3.1.8.1"u8.ToArray();

    public string Name => "privatekey";

    public void Run(byte[] input)
    {
        try
        {
            var (key, _) = BindPrivateKeyFile.Parse(Encoding.UTF8.GetString(input), "fuzz.private", Fixture.Now);
            using (key)
            {
                if (!key.Verify(Data, key.Sign(Data))) { throw new ContractException("a key read from a file made a signature it does not verify"); }
            }
        }
        catch (KeyFileException) { }
    }
}
