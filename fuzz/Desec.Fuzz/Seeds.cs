using Desec.Auth.Transfer;
using Desec.Signer.Storage;
using Desec.Zone.Records;

namespace Desec.Fuzz;

/// <summary>
/// The seeds that the project's own writers make: signed-zone files (<see cref="SignedZoneStore.Save"/>)
/// of the fixture's zones and the journal of example.com. (<see cref="Desec.Auth.Transfer.Journal"/>).
/// Beside them, small ones (a three-record zone, a journal of two one-record changes): the fuzzer
/// mutates small inputs faster. The other seeds are files from other programs (fuzz/README.md).
/// </summary>
public static class Seeds
{
    public static void Write(string directory)
    {
        var (_, second, net) = Fixture.Versions;
        var store = new SignedZoneStore(Path.Combine(directory, "signedzone"));
        store.Save(second, SigningInputs.UnsignedDigest(second.Zone), Fixture.Policy(Fixture.Com), Fixture.Now);
        store.Save(net, SigningInputs.UnsignedDigest(net.Zone), Fixture.Policy(Fixture.Net), Fixture.Now);
        var small = Fixture.Sign(Fixture.Unsigned(Fixture.Com, SmallZone), 1);
        var smallStore = new SignedZoneStore(Path.Combine(directory, "signedzone", "small"));
        smallStore.Save(small, SigningInputs.UnsignedDigest(small.Zone), Fixture.Policy(Fixture.Com), Fixture.Now);
        File.Move(smallStore.PathOf(Fixture.Com), Path.Combine(store.Directory, "small.example.com.signed"), overwrite: true);
        Directory.Delete(smallStore.Directory);

        string journal = Path.Combine(directory, "journal");
        Directory.CreateDirectory(journal);
        File.Copy(Path.Combine(Fixture.JournalDirectory, Fixture.Com + "journal"), Path.Combine(journal, Fixture.Com + "journal"), overwrite: true);

        string smallJournal = Path.Combine(directory, "journal", "small");
        var two = new Journal(smallJournal, Fixture.Com, clock: Fixture.Clock);
        ResourceRecord Txt(string text) => new(Fixture.Com, RRType.TXT, 300, [(byte)text.Length, .. System.Text.Encoding.ASCII.GetBytes(text)]);
        two.AppendDifference(1, 2, [Txt("one")], [Txt("two")]);
        two.AppendDifference(2, 3, [], [Txt("three")]);
        File.Move(Path.Combine(smallJournal, Fixture.Com + "journal"), Path.Combine(journal, "small.example.com.journal"), overwrite: true);
        Directory.Delete(smallJournal);
    }

    private const string SmallZone = "@ 300 SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ 300 NS ns1\nns1 300 A 192.0.2.1\n";
}
