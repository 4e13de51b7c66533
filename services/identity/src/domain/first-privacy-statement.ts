/** The version identity publishes on its first start, when no version exists yet. */
export const FIRST_STATEMENT_VERSION = '2026-11';

export const FIRST_STATEMENT_TEXT = `HOMi privacyverklaring — versie 2026-11

Nederlands

1. Wie wij zijn
HOMi levert software waarmee salons en praktijken (instituten) hun administratie voeren: profiel,
klanten, agenda en facturen. Voor de gegevens van uw account zijn wij verantwoordelijk. Voor de
gegevens van de klanten van uw instituut is uw instituut verantwoordelijk en verwerken wij ze
alleen in uw opdracht (wij zijn verwerker).

2. Welke gegevens wij verwerken
- Uw account: naam, e-mailadres, telefoonnummer (als u dat opgeeft), de instituten waar u lid van
  bent met uw rol en rechten, en welke versie van deze verklaring u wanneer hebt geaccepteerd.
- De administratie van uw instituut: wat u en uw collega's invoeren over klanten, afspraken,
  behandelingen en facturen.
Uw wachtwoord bewaren wij niet zelf; alleen onze inlogdienst bewaart het, onomkeerbaar versleuteld (gehasht).

3. Uw gegevens zijn van u
- Wij verkopen geen gegevens en gebruiken ze niet voor reclame.
- De gegevens van uw instituut zijn van uw instituut. U kunt ze altijd inzien en meenemen.
- Wij houden alleen geanonimiseerde gebruiksstatistieken bij (bijvoorbeeld hoe vaak een functie
  wordt gebruikt), die niet tot personen of instituten te herleiden zijn.

4. Met wie wij gegevens delen
- FactuurSturen.nl ontvangt gegevens van uw instituut alleen als u de koppeling aanzet en
  toestemming geeft om klantgegevens te delen. Die toestemming kunt u intrekken.
- Medewerkers van HOMi-support kunnen niet bij de gegevens van uw instituut, tenzij een eigenaar
  van het instituut daar toestemming voor geeft, voor een beperkte tijd en reikwijdte. Elke handeling
  van support staat in een logboek dat u kunt inzien.
- Verder delen wij alleen gegevens als de wet ons daartoe verplicht.

5. Uw rechten
U kunt uw gegevens inzien, laten verbeteren, laten wissen, meenemen (overdraagbaarheid) en bezwaar
maken. Wij beantwoorden elk verzoek binnen vier weken. Is een verzoek ingewikkeld, dan kan die
termijn met ten hoogste twee maanden worden verlengd; dat laten wij u dan binnen vier weken weten,
met de reden.

6. Hoe lang wij gegevens bewaren
Verwijdert u uw account, dan wissen wij uw gegevens. Bent u de enige eigenaar van een instituut,
dan geldt dat voor de gegevens van het hele instituut. Alleen wat de wet ons verplicht te bewaren
blijft bewaard: facturen zeven jaar (fiscale bewaarplicht). Inloggen is direct na het verwijderen
niet meer mogelijk.

7. Wijzigingen en vragen
Wijzigt deze verklaring, dan krijgt zij een nieuwe versie en vragen wij u die te accepteren voordat
u verder werkt. Eerdere versies blijven op te vragen. Vragen of een klacht? Mail privacy@homi.nl.
U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens.

English

1. Who we are
HOMi provides software with which salons and practices (institutes) keep their administration:
profile, clients, agenda and invoices. We are the controller of your account's data. Your institute
is the controller of its clients' data; we process that data only on your institute's behalf (we
are its processor).

2. What data we process
- Your account: name, e-mail address, phone number (if you give one), the institutes you are a
  member of with your role and permissions, and which version of this statement you accepted when.
- Your institute's administration: what you and your colleagues enter about clients,
  appointments, treatments and invoices.
We do not keep your password ourselves; it is stored hashed by our sign-in service.

3. Your data is yours
- We do not sell data and do not use it for advertising.
- Your institute's data belongs to your institute. You can always see it and take it with you.
- We only keep anonymised usage statistics (for example how often a feature is used), which cannot
  be traced back to a person or an institute.

4. Who we share data with
- FactuurSturen.nl receives your institute's data only if you switch the connection on and consent
  to sharing client data. You can withdraw that consent.
- HOMi support staff cannot access your institute's data unless an owner of the institute approves
  it, for a limited time and scope. Every action of support is in a log you can read.
- Otherwise we share data only where the law obliges us to.

5. Your rights
You can access your data, have it corrected or erased, take it with you (portability) and object.
We answer every request within four weeks. If a request is complex, that period can be extended by
at most two months; we tell you so within four weeks, with the reason.

6. How long we keep data
When you delete your account, we erase your data. If you are the only owner of an institute, that
covers the whole institute's data. Only what the law obliges us to keep is kept: invoices for seven
years (Dutch tax law). Signing in is no longer possible as soon as you delete your account.

7. Changes and questions
When this statement changes, it gets a new version and we ask you to accept it before you continue.
Earlier versions remain available. Questions or a complaint? Write to privacy@homi.nl. You can also
complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).
`;
