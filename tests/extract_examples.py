"""Example sentences and the facts they hold: the extraction engine's table of truth.

Every sentence is written for this project about real, dated events (no news text is copied).
Rows are grouped by where the pattern was met: the seed stories, the development corpora,
the bundled sample articles, the error classes measured on unseen news, and bugs caught.
A row is (sentence, publication day, fact type, expected facts); the expected facts are
tuples of the fields that identify them:

- visit: (actor, place, country, status)
- meeting: (participants, place, status, mode)
- aid: (donor, recipient, amount, currency, status)
- casualty: (metric, value, qualifier)

A known miss is listed in KNOWN_MISSES with what goes wrong; its test is expected to fail
(strict: it fails the suite when the engine starts getting it right, so the row moves up).
"""

from __future__ import annotations

from datetime import date

D = date

SEEDS = [
    ("Secretary of State Antony Blinken left Washington on Monday for Brussels.",
     D(2023, 11, 27), "visit",
     {("Antony Blinken", "Washington", "US", "occurred"),
      ("Antony Blinken", "Brussels", "BE", "occurred")}),
    ("Blinken is expected to travel on Wednesday to North Macedonia for the OSCE meeting.",
     D(2023, 11, 27), "visit", {("Antony Blinken", None, "MK", "planned")}),
    ("Secretary of State Antony Blinken boarded his plane in Washington as he flies to Tokyo.",
     D(2023, 11, 6), "visit",
     {("Antony Blinken", "Washington", "US", "occurred"),
      ("Antony Blinken", "Tokyo", "JP", "planned")}),
    ("Last month Hungary refused to let Foreign Minister Sergei Lavrov attend the forum.",
     D(2023, 12, 1), "visit", {("Sergei Lavrov", None, "HU", "cancelled")}),
    ("Finland, which borders Russia, would allow Lavrov to take part in the meeting.",
     D(2023, 12, 1), "visit", {("Sergei Lavrov", None, "FI", "possible")}),
    ("Chancellor Olaf Scholz arrived in Kiev by train from Poland on Thursday.",
     D(2022, 6, 16), "visit",
     {("Olaf Scholz", "Kyiv", "UA", "occurred"), ("Olaf Scholz", None, "PL", "occurred")}),
    ("Having come overnight by rail from Poland, the visiting trio were received by the "
     "Ukrainian president in Kyiv.", D(2022, 6, 16), "visit", set()),
    ("He then goes on to hold meetings in Cairo; Ankara, Turkey; Riyadh, Saudi Arabia and "
     "Doha, Qatar.", D(2013, 2, 20), "visit", set()),
    ("Secretary of State John Kerry then goes on to hold meetings in Cairo; Ankara, Turkey; "
     "Riyadh, Saudi Arabia and Doha, Qatar.", D(2013, 2, 20), "visit",
     {("John Kerry", "Cairo", "EG", "planned"), ("John Kerry", "Ankara", "TR", "planned"),
      ("John Kerry", "Riyadh", "SA", "planned"), ("John Kerry", "Doha", "QA", "planned")}),
    ("On his first trip, John Kerry will visit partners in Britain, Germany and France.",
     D(2013, 2, 20), "visit",
     {("John Kerry", None, "GB", "planned"), ("John Kerry", None, "DE", "planned"),
      ("John Kerry", None, "FR", "planned")}),
    ("Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in Rome on "
     "Sunday.", D(2014, 12, 15), "meeting",
     {(("John Kerry", "Sergei Lavrov"), "Rome", "occurred", "in_person")}),
    ("Over the weekend Kerry spoke by telephone with Lavrov.", D(2013, 2, 20), "meeting",
     {(("John Kerry", "Sergei Lavrov"), None, "occurred", "phone")}),
    ("Kerry does not have a meeting planned with Lavrov on the trip.", D(2013, 2, 20),
     "meeting", {(("John Kerry", "Sergei Lavrov"), None, "possible", "in_person")}),
    ("Blinken set off for Europe, where he might run into his Russian counterpart.",
     D(2023, 11, 27), "visit", set()),
    ("The United Kingdom pledged £162m in military aid to Ukraine on Tuesday.",
     D(2024, 9, 11), "aid", {("United Kingdom", "Ukraine", 162e6, "GBP", "pledged")}),
    ("Joe Biden's administration is trying to persuade Congress to approve another $61 "
     "billion for Ukraine.", D(2023, 11, 27), "aid",
     {("United States", "Ukraine", 61e9, "USD", "proposed")}),
    ("The IMF granted Kyiv $17 billion in loans as part of a $27 billion package set up by "
     "Western countries.", D(2014, 12, 15), "aid",
     {("IMF", "Ukraine", 17e9, "USD", "pledged"),
      ("Western countries", "Ukraine", 27e9, "USD", "pledged")}),
]

DEV = [
    ("The government sent Foreign Minister Dmytro Kuleba to Beijing in July.",
     D(2024, 7, 25), "visit", {("Dmytro Kuleba", "Beijing", "CN", "occurred")}),
    ("During his stay in Nairobi, Kerry will meet business leaders.", D(2015, 4, 28),
     "visit", {("John Kerry", "Nairobi", "KE", "planned")}),
    ("President Joe Biden hosted Chancellor Olaf Scholz for a visit in Washington on Friday.",
     D(2023, 3, 4), "visit", {("Olaf Scholz", "Washington", "US", "occurred")}),
    ("\u201cWe made progress,\u201d Prime Minister Narendra Modi told reporters in Paris.",
     D(2025, 2, 12), "visit", {("Narendra Modi", "Paris", "FR", "occurred")}),
    ("Xi did not attend the G20 summit in New Delhi last month.", D(2023, 10, 6), "visit",
     {("Xi Jinping", "New Delhi", "IN", "cancelled")}),
    ("President Joe Biden spoke by telephone with President Xi Jinping on Thursday.",
     D(2022, 7, 29), "meeting",
     {(("Joe Biden", "Xi Jinping"), None, "occurred", "phone")}),
    ("President Joe Biden held a virtual summit with President Xi Jinping on Monday.",
     D(2021, 11, 16), "meeting",
     {(("Joe Biden", "Xi Jinping"), None, "occurred", "video")}),
    ("The leaders of France and Germany spoke by phone on Sunday.", D(2023, 10, 16),
     "meeting", {(("Emmanuel Macron", "Olaf Scholz"), None, "occurred", "phone")}),
    ("During his visit to Beijing, Secretary of State Antony Blinken met President Xi "
     "Jinping.", D(2023, 6, 19), "meeting",
     {(("Antony Blinken", "Xi Jinping"), "Beijing", "occurred", "in_person")}),
    ("President Vladimir Putin declined to meet President Volodymyr Zelensky in Istanbul.",
     D(2025, 5, 15), "meeting",
     {(("Vladimir Putin", "Volodymyr Zelensky"), "Istanbul", "cancelled", "in_person")}),
    ("Rubio and Lavrov called off an expected meeting after speaking by phone on Monday.",
     D(2025, 10, 22), "meeting",
     {(("Marco Rubio", "Sergei Lavrov"), None, "cancelled", "in_person"),
      (("Marco Rubio", "Sergei Lavrov"), None, "occurred", "phone")}),
    ("Denmark promised that it would give $38 million more, and Norway $11.5 million.",
     D(2021, 9, 13), "aid",
     {("Denmark", None, 38e6, "USD", "pledged"), ("Norway", None, 11.5e6, "USD", "pledged")}),
    ("The UN appealed for $415 million in humanitarian aid for Nepal.", D(2015, 4, 29), "aid",
     {(None, "Nepal", 415e6, "USD", "requested")}),
    ("President Barack Obama wants to spend $1 billion helping the countries of Central "
     "America.",
     D(2015, 2, 2), "aid", {("United States", "Central America", 1e9, "USD", "proposed")}),
    ("On Monday Germany announced plans to pour 500 million euros ($590 million) into "
     "Afghanistan.",
     D(2021, 9, 13), "aid", {("Germany", "Afghanistan", 500e6, "EUR", "announced")}),
    ("The European Union disbursed a further €1.5 billion ($1.6 billion) to Ukraine.",
     D(2023, 6, 22), "aid", {("European Union", "Ukraine", 1.5e9, "EUR", "delivered")}),
    ("Japan signed a loan of thirty billion yen for the Philippines.", D(2023, 8, 31), "aid",
     {("Japan", "Philippines", 30e9, "JPY", "authorized")}),
    ("The two leaders set a goal of $500 billion in bilateral trade by 2030.",
     D(2025, 2, 13), "aid", set()),
    ("By the UN's count the fighting has left at least 4,634 dead and 10,243 wounded.",
     D(2014, 12, 15), "casualty",
     {("killed", 4634, "at least"), ("wounded", 10243, "at least")}),
    ("The death toll has risen to nearly 5,500, officials said.", D(2015, 4, 30), "casualty",
     {("killed", 5500, "about")}),
    ("The shelling of the city killed and injured more than 1,000 residents.",
     D(2023, 10, 17), "casualty",
     set()),
    ("Police arrested 2,100 people and 14 attacks were reported.", D(2021, 3, 15), "casualty",
     set()),
    ("A total of 87 people have died, including 20 children.", D(2024, 6, 12), "casualty",
     {("killed", 87, None), ("killed", 20, None)}),
]

SAMPLES = [
    # The bundled sample stories: none of these may put a diplomat where he was not.
    ("Blinken and Lammy said the talks came amid arms deliveries to Russia from Iran.",
     D(2024, 9, 10), "visit", set()),
    ("Beijing cut off the channels after a visit to Taiwan by then House Speaker Nancy Pelosi, "
     "Biden said.", D(2023, 11, 16), "visit",
     {("Nancy Pelosi", None, "TW", "occurred")}),
    ("Blinken arrived in Skopje on Wednesday but was to leave for Israel the same night.",
     D(2023, 11, 29), "visit",
     {("Antony Blinken", "Skopje", "MK", "occurred"), ("Antony Blinken", None, "IL", "planned")}),
    ("Xi has not left China since the start of the pandemic.", D(2022, 9, 14), "visit",
     set()),
    ("The summit lasted three hours on Monday evening Washington time, Tuesday morning in "
     "Beijing, Biden said.", D(2021, 11, 16), "visit", set()),
    # A clause of its own under the meeting's words says nothing of how it was held: the
    # parser makes "a goal Modi called ..." the object of "met".
    ("Indian Prime Minister Narendra Modi met President Donald Trump at the White House on "
     "Thursday, and the two leaders agreed to aim to more than double trade between their "
     "countries to $500 billion a year by 2030, a goal Modi called \"Mission 500\".",
     D(2025, 2, 13), "meeting",
     {(("Donald Trump", "Narendra Modi"), "Washington", "occurred", "in_person")}),
]

UNSEEN = [
    # The error classes measured on news the rules were not written for (paraphrased).
    ("Denmark's DKK 2bn for Ukraine will pay for air defence.", D(2024, 5, 2), "aid",
     {("Denmark", "Ukraine", 2e9, "DKK", "pledged")}),
    ("The EU announced EUR 50m for Chad on Monday.", D(2024, 5, 2), "aid",
     {("European Union", "Chad", 50e6, "EUR", "announced")}),
    ("Saudi Foreign Minister Faisal bin Farhan met separately with his Egyptian, Jordanian "
     "and Qatari counterparts on Sunday.", D(2024, 6, 9), "meeting",
     {(("Faisal bin Farhan", "Sameh Shoukry"), None, "occurred", "in_person"),
      (("Ayman Safadi", "Faisal bin Farhan"), None, "occurred", "in_person"),
      (("Faisal bin Farhan", "Mohammed bin Abdulrahman Al Thani"), None, "occurred",
       "in_person")}),
    ("Foreign Minister Wang Yi begins a four-nation tour of Kenya, Ghana, Senegal and Nigeria "
     "on Monday.", D(2025, 1, 3), "visit",
     {("Wang Yi", None, "KE", "planned"), ("Wang Yi", None, "GH", "planned"),
      ("Wang Yi", None, "SN", "planned"), ("Wang Yi", None, "NG", "planned")}),
    ("The leaders of Brazil, India, China and South Africa are set to meet in Johannesburg "
     "later this week.", D(2023, 8, 20), "meeting",
     {(("Cyril Ramaphosa", "Luiz Inacio Lula da Silva", "Narendra Modi", "Xi Jinping"),
       "Johannesburg", "planned", "in_person")}),
    ("Chancellor Olaf Scholz said after a video call on Tuesday, which involved President "
     "Emmanuel Macron and Prime Minister Giorgia Meloni, that the three leaders backed the plan.",
     D(2023, 8, 20), "meeting",
     {(("Emmanuel Macron", "Giorgia Meloni", "Olaf Scholz"), None, "occurred", "video")}),
    ("The talks included Foreign Minister Penny Wong and her Indonesian counterpart Retno "
     "Marsudi.", D(2023, 8, 20), "meeting",
     {(("Penny Wong", "Retno Marsudi"), None, "occurred", "in_person")}),
    ("Indian Prime Minister Narendra Modi and Japanese Prime Minister Fumio Kishida discussed "
     "trade during a meeting in Hiroshima.", D(2023, 5, 21), "meeting",
     {(("Fumio Kishida", "Narendra Modi"), "Hiroshima", "occurred", "in_person")}),
    ("The two leaders, Vietnamese President Vo Van Thuong and Laotian President Thongloun "
     "Sisoulith, signed agreements after their talks in Hanoi.", D(2023, 6, 14), "meeting",
     {(("Thongloun Sisoulith", "Vo Van Thuong"), "Hanoi", "occurred", "in_person")}),
    ("Philippine President Ferdinand Marcos Jr. and Indonesian President Joko Widodo agreed to "
     "boost maritime cooperation at a meeting in Jakarta on Friday.", D(2023, 9, 6), "meeting",
     {(("Ferdinand Marcos Jr.", "Joko Widodo"), "Jakarta", "occurred", "in_person")}),
    ("Malaysian Prime Minister Anwar Ibrahim paid a courtesy call on Singapore Prime Minister "
     "Lee Hsien Loong.", D(2023, 1, 30), "meeting",
     {(("Anwar Ibrahim", "Lee Hsien Loong"), None, "occurred", "in_person")}),
    ("Algerian Foreign Minister Ahmed Attaf visited Niamey, the capital of Niger, on Monday.",
     D(2023, 8, 9), "visit", {("Ahmed Attaf", "Niamey", "NE", "occurred")}),
    ("Vice Premier Liu He arrived in Washington on Tuesday.", D(2023, 1, 18), "visit",
     {("Liu He", "Washington", "US", "occurred")}),
    ("Vice Premier He Lifeng arrived in London on Tuesday.", D(2023, 1, 18), "visit",
     {("He Lifeng", "London", "GB", "occurred")}),
    ("ACCRA — Ghana's foreign minister, Samuel Okudzeto Ablakwa, arrived in Abuja on Tuesday "
     "for talks.", D(2025, 2, 12), "visit",
     {("Samuel Okudzeto Ablakwa", "Abuja", "NG", "occurred")}),
    ("The World Bank approved a $300 million loan for Kenya's infrastructure programme on "
     "Tuesday.", D(2023, 3, 15), "aid",
     {("World Bank", "Kenya", 300e6, "USD", "authorized")}),
    ("Saudi Arabia has deposited $3 billion with Pakistan's central bank.", D(2023, 7, 12),
     "aid", {("Saudi Arabia", "Pakistan", 3e9, "USD", "delivered")}),
    ("India extended a line of credit of $1 billion to Sri Lanka for food and fuel imports.",
     D(2022, 3, 18), "aid", {("India", "Sri Lanka", 1e9, "USD", "pledged")}),
    ("Qatar donated 50 million riyals to support relief efforts in Sudan.", D(2023, 5, 2),
     "aid", {("Qatar", "Sudan", 50e6, "QAR", "delivered")}),
    ("The Asian Development Bank signed a $500 million policy-based loan with Bangladesh.",
     D(2023, 6, 20), "aid", {("ADB", "Bangladesh", 500e6, "USD", "authorized")}),
    ("Tuvalu's Prime Minister Feleti Teo has arrived in Canberra.\n\nThe visit comes after "
     "Teo travelled to Wellington last month.", D(2024, 11, 18), "visit",
     {("Feleti Teo", "Canberra", "AU", "occurred"),
      ("Feleti Teo", "Wellington", "NZ", "occurred")}),
    ("President William Ruto welcomed Ethiopian Prime Minister Abiy Ahmed at State House in "
     "Nairobi.", D(2024, 2, 27), "meeting",
     {(("Abiy Ahmed", "William Ruto"), "Nairobi", "occurred", "in_person")}),
    ("Foreign Minister Gabrielius Landsbergis and his Latvian counterpart Krisjanis Karins "
     "co-chaired the joint commission in Vilnius on Monday.", D(2024, 3, 5), "meeting",
     {(("Gabrielius Landsbergis", "Krišjānis Kariņš"), "Vilnius", "occurred", "in_person")}),
    ("Kenyan President William Ruto received a phone call from Ugandan President Yoweri "
     "Museveni on Saturday.", D(2024, 10, 14), "meeting",
     {(("William Ruto", "Yoweri Museveni"), None, "occurred", "phone")}),
    ("In a phone conversation on Monday, Argentine President Javier Milei and Chilean "
     "President Gabriel Boric discussed border issues.", D(2024, 10, 14), "meeting",
     {(("Gabriel Boric", "Javier Milei"), None, "occurred", "phone")}),
    ("Kenyan President William Kipchumba flew to Addis Ababa on Sunday. On Monday, President "
     "Kipchumba met Prime Minister Tadesse Worku at the National Palace.", D(2024, 10, 16),
     "meeting", {(("Tadesse Worku", "William Kipchumba"), "Addis Ababa", "occurred",
                  "in_person")}),
    ("The Kenyan leader, William Kipchumba, met Ethiopian Prime Minister Tadesse Worku in "
     "Nairobi on Monday.", D(2024, 10, 16), "visit",
     {("Tadesse Worku", "Nairobi", "KE", "occurred")}),  # the host is at home; his guest came
    ("European Union leaders met in Brussels on Thursday. The bloc will provide 9 billion "
     "euros to Ukraine next year.", D(2024, 6, 14), "aid",
     {("European Union", "Ukraine", 9e9, "EUR", "pledged")}),
    ("The 27-nation bloc agreed on Thursday to lend Ukraine 1 billion euros.", D(2024, 6, 14),
     "aid", {(None, "Ukraine", 1e9, "EUR", "authorized")}),
    ("Group of Seven leaders pledged at least $15 billion for Ukraine.", D(2024, 6, 14), "aid",
     {("G7", "Ukraine", 15e9, "USD", "pledged")}),
    ("The European Union suspended budget support to Niger worth 503 million euros.",
     D(2023, 7, 31), "aid", set()),
    ("Foreign Minister Penny Wong will be in Port Moresby on Thursday.", D(2024, 9, 3),
     "visit", {("Penny Wong", "Port Moresby", "PG", "planned")}),
    ("Bolivian President Luis Arce and Paraguayan President Santiago Pena signed a gas deal "
     "on Friday.", D(2024, 5, 14), "meeting",
     {(("Luis Arce", "Santiago Peña"), None, "occurred", "in_person")}),
    ("In Brussels on Thursday, the fund said its staff had reached agreement on a loan "
     "programme worth about $17.5 billion.", D(2015, 2, 12), "aid",
     {(None, None, 17.5e9, "USD", "authorized")}),
    ("Reactions in Moscow were muted after Blinken spoke.", D(2024, 3, 1), "visit", set()),
    ("Blinken condemned the missiles fired toward Israel overnight.", D(2024, 4, 14), "visit",
     set()),
    ("Kenyan Foreign Minister Musalia Mudavadi arrived in Addis Ababa on Monday for talks "
     "with his Ethiopian counterpart Gedion Timothewos.", D(2025, 3, 4), "meeting",
     {(("Gedion Timothewos", "Musalia Mudavadi"), "Addis Ababa", "occurred", "in_person")}),
    ("Kenyan Foreign Minister Musalia Mudavadi arrived in Addis Ababa on Monday for talks "
     "with his Ethiopian counterpart Gedion Timothewos.", D(2025, 3, 4), "visit",
     {("Musalia Mudavadi", "Addis Ababa", "ET", "occurred")}),
    ("Egyptian President Abdel Fattah el-Sisi received Sudan's army chief in Cairo.",
     D(2024, 1, 20), "visit", set()),
    ("Prime Minister Benjamin Netanyahu said he was canceling his trip to Washington.",
     D(2024, 3, 25), "visit", {("Benjamin Netanyahu", "Washington", "US", "cancelled")}),
    ("President Xi Jinping will visit Paris in May.", D(2024, 4, 20), "visit",
     {("Xi Jinping", "Paris", "FR", "planned")}),
    ("President Joe Biden will speak by phone with President Xi Jinping on Tuesday.",
     D(2024, 4, 1), "meeting", {(("Joe Biden", "Xi Jinping"), None, "planned", "phone")}),
    ("Biden and Xi last spoke by phone in April.", D(2024, 11, 14), "meeting",
     {(("Joe Biden", "Xi Jinping"), None, "occurred", "phone")}),
    ("Russian Foreign Minister Sergei Lavrov, who is on a tour of Africa, arrived in Pretoria "
     "on Tuesday.", D(2024, 6, 12), "visit", {("Sergei Lavrov", "Pretoria", "ZA", "occurred")}),
    ("The Indian prime minister is on a three-day state visit to the UAE.", D(2024, 6, 12),
     "visit", {("Narendra Modi", None, "AE", "occurred")}),
    ("Egyptian President Abdel Fattah al-Sisi welcomed his Turkish counterpart to Cairo.",
     D(2024, 6, 12), "meeting",
     {(("Abdel Fattah al-Sisi", "Recep Tayyip Erdogan"), "Cairo", "occurred", "in_person")}),
    ("Modi, who landed in Washington on Wednesday, will meet Biden on Thursday.",
     D(2024, 6, 12), "meeting",
     {(("Joe Biden", "Narendra Modi"), "Washington", "planned", "in_person")}),
    ("Albanese is scheduled to visit Beijing from 4 to 7 November.", D(2024, 6, 12), "visit",
     {("Anthony Albanese", "Beijing", "CN", "planned")}),
    ("In a phone call on Monday, Nigerian President Bola Tinubu told Ghana's President John "
     "Mahama that the bloc must stay united.", D(2025, 3, 5), "meeting",
     {(("Bola Tinubu", "John Dramani Mahama"), None, "occurred", "phone")}),
    ("More than 200,000 people remain displaced, the UN said.", D(2024, 2, 1), "casualty",
     {("displaced", 200000, "more than")}),
    ("Gunmen abducted 20 students from a school on Thursday.", D(2024, 3, 8), "casualty",
     {("captured", 20, None)}),
    ("India approved Rs 10,000 crore in relief for the flood-hit state.", D(2023, 8, 1),
     "aid", {("India", None, 1e11, "INR", "authorized")}),
    # A sum written as one hyphenated word, or with a singular currency word, is a sum.
    ("China signed a 500-million-dollar loan deal with Ethiopia.", D(2024, 3, 1), "aid",
     {("China", "Ethiopia", 5e8, "USD", "authorized")}),
    ("Kuwait extended a 20 million dinar loan to Jordan.", D(2024, 3, 1), "aid",
     {("Kuwait", "Jordan", 2e7, "KWD", "pledged")}),
    # The other party of a deal on a loan is its recipient.
    ("The IMF reached a staff-level agreement with Pakistan on a $7 billion loan.",
     D(2024, 3, 1), "aid", {("IMF", "Pakistan", 7e9, "USD", "authorized")}),
    # A money word several countries share is the giver's, else the receiver's, currency.
    ("Pakistan received 500 crore rupees from the Asian Development Bank.", D(2024, 3, 1),
     "aid", {("ADB", "Pakistan", 5e9, "PKR", "delivered")}),
    ("Egypt received 2 billion pounds from the World Bank.", D(2024, 3, 1), "aid",
     {("World Bank", "Egypt", 2e9, "EGP", "delivered")}),
    ("Britain pledged 100 million pounds to Egypt.", D(2024, 3, 1), "aid",
     {("United Kingdom", "Egypt", 1e8, "GBP", "pledged")}),
    ("Sweden pledged 500 million kronor in humanitarian aid to Gaza.", D(2024, 3, 1), "aid",
     {("Sweden", "Gaza", 5e8, "SEK", "pledged")}),
    ("The United Arab Emirates pledged Dh50 million in humanitarian aid for Sudan.",
     D(2024, 3, 1), "aid", {("United Arab Emirates", "Sudan", 5e7, "AED", "pledged")}),
    # Money that still waits for someone's yes is proposed, however firmly it is worded.
    ("Germany's plan, which still needs the approval of parliament, would provide 500 "
     "million euros to Moldova.", D(2024, 3, 1), "aid",
     {("Germany", "Moldova", 5e8, "EUR", "proposed")}),
    ("Australia will provide $US15 billion in loans to the region.", D(2024, 3, 1), "aid",
     {("Australia", None, 15e9, "USD", "pledged")}),
    ("The IMF approved SDR 150.5 million for Malawi.", D(2023, 11, 16), "aid",
     {("IMF", "Malawi", 150.5e6, "XDR", "authorized")}),
    ("South Korea pledged 1.2 trillion won to Ukraine.", D(2024, 2, 1), "aid",
     {("South Korea", "Ukraine", 1.2e12, "KRW", "pledged")}),
    # A national currency names its issuer when no giver is named; the dollar names no one.
    ("The government plans to deliver £3 billion of military assistance to Ukraine.",
     D(2024, 9, 10), "aid", {("United Kingdom", "Ukraine", 3e9, "GBP", "pledged")}),
    ("A further $40 million in humanitarian aid will go to Sudan.", D(2024, 9, 10), "aid",
     {(None, "Sudan", 40e6, "USD", "pledged")}),
    # Lower-case particles inside an unlisted name, with or without a hyphen.
    ("Mauritanian Foreign Minister Mohamed Salem ould Merzoug met Senegalese Foreign Minister "
     "Yassine el Fall in Dakar on Monday.", D(2025, 2, 3), "meeting",
     {(("Mohamed Salem ould Merzoug", "Yassine el Fall"), "Dakar", "occurred", "in_person")}),
    # A delegation travels with the person who leads it.
    ("Finance Minister Ana Ruiz led the Peruvian delegation that visited Tokyo on Monday.",
     D(2025, 3, 5), "visit", {("Ana Ruiz", "Tokyo", "JP", "occurred")}),
    ("A delegation headed by Finance Minister Ana Ruiz arrived in Seoul on Tuesday.",
     D(2025, 3, 5), "visit", {("Ana Ruiz", "Seoul", "KR", "occurred")}),
    # "The three leaders" are the three persons the sentence has just named.
    ("After a call joined by Kenyan President William Ruto, Tanzanian President Samia Suluhu "
     "Hassan and Ugandan President Yoweri Museveni, the three leaders agreed to meet in "
     "Arusha.", D(2024, 5, 6), "meeting",
     {(("Samia Suluhu Hassan", "William Ruto", "Yoweri Museveni"), "Arusha", "planned",
       "in_person"),
      (("Samia Suluhu Hassan", "William Ruto", "Yoweri Museveni"), None, "occurred", "phone")}),
    # A list of places in apposition to the noun that groups them.
    ("Foreign Minister Ana Ruiz will make a trip to three Gulf states, Qatar, Bahrain and "
     "Oman, next week.", D(2025, 3, 5), "visit",
     {("Ana Ruiz", None, "QA", "planned"), ("Ana Ruiz", None, "BH", "planned"),
      ("Ana Ruiz", None, "OM", "planned")}),
    # A country whose name elides its article ("Cote d'Ivoire") is still one name in a list.
    ("Foreign Minister Ana Ruiz will tour Ghana, Togo and Cote d'Ivoire next month.",
     D(2025, 3, 5), "visit",
     {("Ana Ruiz", None, "GH", "planned"), ("Ana Ruiz", None, "TG", "planned"),
      ("Ana Ruiz", None, "CI", "planned")}),
    # A crossing, a camp or a hospital named after its place stands for the place.
    ("UN relief chief Tomas Lindqvist visited the Rafah crossing on Friday.", D(2024, 3, 5),
     "visit", {("Tomas Lindqvist", "Rafah", "PS", "occurred")}),
    ("Foreign Minister Ana Ruiz toured the Kharkiv hospital on Friday.", D(2024, 3, 5),
     "visit", {("Ana Ruiz", "Kharkiv", "UA", "occurred")}),
    # A Vietnamese family name that is also an English small word ("To", "Do") after a title.
    ("Vietnamese President To Van Hung arrived in Vientiane on Monday.", D(2024, 6, 12),
     "visit", {("To Van Hung", "Vientiane", "LA", "occurred")}),
    # The press's abbreviations and honorifics are titles, not part of the name.
    ("EAM Rohan Mehta arrived in Colombo on Tuesday.", D(2024, 6, 12), "visit",
     {("Rohan Mehta", "Colombo", "LK", "occurred")}),
    ("FM Bilal Qureshi Zaman left for Beijing on Tuesday.", D(2024, 6, 12), "visit",
     {("Bilal Qureshi Zaman", "Beijing", "CN", "occurred")}),
    ("CS Kiprop Wanjala flew to Kampala on Tuesday.", D(2024, 6, 12), "visit",
     {("Kiprop Wanjala", "Kampala", "UG", "occurred")}),
    # A rank before a name is a title, not part of it.
    ("Junta leader Captain Idrissa Kabore flew to Bamako on Wednesday.", D(2024, 6, 12),
     "visit", {("Idrissa Kabore", "Bamako", "ML", "occurred")}),
    # GeoNames writes some names with a turned comma ("Nuku‘alofa"); news with an apostrophe.
    ("Foreign Minister Ana Ruiz arrived in Nuku'alofa on Tuesday.", D(2024, 6, 12), "visit",
     {("Ana Ruiz", "Nuku‘alofa", "TO", "occurred")}),
    # A smaller city is a place in a sentence that names its country, before or after it.
    ("Kenyan President Samuel Kiprono rounded off his visit to Uganda with a trip to Jinja.",
     D(2024, 6, 12), "visit", {("Samuel Kiprono", "Jinja", "UG", "occurred")}),
    # A ceremony at a monument in a city puts the one who performs it there.
    ("Kenyan President Samuel Kiprono laid a wreath at the Heroes Monument in Kampala on "
     "Tuesday.", D(2024, 6, 12), "visit", {("Samuel Kiprono", "Kampala", "UG", "occurred")}),
    # A trip that names its stops: "the tour includes", "took in", "with stops in".
    ("Foreign Minister Ana Ruiz's trip to Asia next month will include stops in Japan and "
     "Malaysia.",
     D(2025, 3, 5), "visit",
     {("Ana Ruiz", None, "JP", "planned"), ("Ana Ruiz", None, "MY", "planned")}),
    ("The itinerary for Foreign Minister Ana Ruiz's trip includes Vietnam and Laos.",
     D(2025, 3, 5), "visit",
     {("Ana Ruiz", None, "VN", "planned"), ("Ana Ruiz", None, "LA", "planned")}),
    # A name's own office in commas is no second person, and a verb the tagger took for a
    # plural noun still has its subject.
    ("Tomas Herrera, the Chilean foreign minister, heads to Europe in June, with stops in "
     "Spain and Portugal.", D(2025, 5, 2), "visit",
     {("Tomas Herrera", None, "ES", "planned"), ("Tomas Herrera", None, "PT", "planned")}),
    # Prose with many capitalised names is still prose when its small words are lowercase.
    ("Japanese Prime Minister Shigeru Ishiba hosted Chilean President Gabriel Boric for "
     "talks on Monday.", D(2025, 3, 5), "meeting",
     {(("Gabriel Boric", "Shigeru Ishiba"), None, "occurred", "in_person")}),
    # What calls a plan off reaches the event the plan was for.
    ("Foreign Minister Ana Ruiz scrapped plans to meet Chinese Foreign Minister Wang Yi.",
     D(2025, 3, 5), "meeting", {(("Ana Ruiz", "Wang Yi"), None, "cancelled", "in_person")}),
    ("Foreign Minister Ana Ruiz pulled out of a summit with Chinese Foreign Minister Wang "
     "Yi.", D(2025, 3, 5), "meeting",
     {(("Ana Ruiz", "Wang Yi"), None, "cancelled", "in_person")}),
    ("Foreign Minister Ana Ruiz said she would no longer travel to Beijing.", D(2025, 3, 5),
     "visit", {("Ana Ruiz", "Beijing", "CN", "cancelled")}),
    ("Foreign Minister Ana Ruiz called off her trip to Beijing, where she was to meet "
     "Chinese Foreign Minister Wang Yi.", D(2025, 3, 5), "meeting",
     {(("Ana Ruiz", "Wang Yi"), "Beijing", "cancelled", "in_person")}),
    ("Foreign Minister Ana Ruiz had been due to fly to Beijing on Friday, but the trip was "
     "cancelled.", D(2025, 3, 5), "visit", {("Ana Ruiz", "Beijing", "CN", "cancelled")}),
    # A title with its country in an "of" phrase: "President of Kenya William Ruto".
    ("President of Kenya William Ruto met Prime Minister of Ethiopia Abiy Ahmed in Addis "
     "Ababa on Monday.", D(2024, 5, 6), "meeting",
     {(("Abiy Ahmed", "William Ruto"), "Addis Ababa", "occurred", "in_person")}),
    ("President William Ruto said he would meet the leader of Uganda Yoweri Museveni next "
     "week.", D(2024, 5, 6), "meeting",
     {(("William Ruto", "Yoweri Museveni"), None, "planned", "in_person")}),
    # "X hosted the summit" after the summit was told: one more party to it.
    ("Kenya called off a summit with Ugandan President Yoweri Museveni and Tanzanian "
     "President Samia Suluhu Hassan in Nairobi. Kenyan President William Ruto would have "
     "hosted the summit.", D(2024, 5, 6), "meeting",
     {(("Samia Suluhu Hassan", "William Ruto", "Yoweri Museveni"), "Nairobi", "cancelled",
       "in_person")}),
    # The one whose decision it is to call a meeting off is a party to it.
    ("The decision of Foreign Minister Ana Ruiz to cancel her meeting with Wang Yi, China's "
     "foreign minister, drew criticism.", D(2025, 3, 5), "meeting",
     {(("Ana Ruiz", "Wang Yi"), None, "cancelled", "in_person")}),
    # A meeting at someone's residence or invitation is a meeting with them.
    ("Foreign Minister Ana Ruiz held talks at the residence of Chinese Foreign Minister Wang "
     "Yi on Monday.", D(2025, 3, 5), "meeting",
     {(("Ana Ruiz", "Wang Yi"), None, "occurred", "in_person")}),
    ("Foreign Minister Ana Ruiz had dinner at Chinese Foreign Minister Wang Yi's residence.",
     D(2025, 3, 5), "meeting", {(("Ana Ruiz", "Wang Yi"), None, "occurred", "in_person")}),
    # Aid: a party after the amount is no giver standing before it; a party does not give
    # to itself; people the money is for stand for their place.
    ("The bill would provide $4 billion for Jordan, and $1.5 billion for Lebanon and its "
     "neighbours.", D(2024, 5, 2), "aid",
     {(None, "Jordan", 4e9, "USD", "proposed"), (None, "Lebanon", 1.5e9, "USD", "proposed")}),
    ("The Sudan Relief Act authorises up to $200 million in assistance to Khartoum.",
     D(2024, 5, 2), "aid", {(None, "Sudan", 2e8, "USD", "authorized")}),
    ("The UN chief urged donors to fund a $2.7 billion appeal for people across Sudan.",
     D(2024, 5, 2), "aid", {(None, "Sudan", 2.7e9, "USD", "requested")}),
    # An amount that converts one told before is no second amount.
    ("The grant, equivalent to about 1.9 billion rupees, will buy ambulances.",
     D(2024, 5, 2), "aid", set()),
    # A count the grammar binds to its casualty verb or state, however far apart they stand.
    ("Shelling that hit the market and two schools in the town on Friday morning, local "
     "officials said, killed 23 civilians.", D(2022, 7, 9), "casualty",
     {("killed", 23, None)}),
    ("About 140 people, most of them pilgrims on their way home, were killed when the ferry "
     "sank.", D(2020, 10, 3), "casualty", {("killed", 140, "about")}),
    ("The 16 miners who died in the collapse were named by the company.", D(2021, 2, 4),
     "casualty", {("killed", 16, None)}),
    ("The death toll from the week of floods in the southern provinces has climbed to 312.",
     D(2022, 8, 30), "casualty", {("killed", 312, None)}),
    ("Rights groups denounced the killing of 45 protesters by security forces.",
     D(2022, 12, 1), "casualty", {("killed", 45, None)}),
    ("Gunmen were holding about 60 passengers hostage on the train.", D(2025, 3, 12),
     "casualty", {("captured", 60, "about")}),
    ("Eleven members of one family were among the dead.", D(2024, 4, 2), "casualty",
     {("killed", 11, None)}),
    # Verbs before the count, and the people it counts with a word of their own.
    ("Gunmen shot dead 17 villagers and rebels captured 40 government troops.",
     D(2021, 6, 7), "casualty", {("killed", 17, None), ("captured", 40, None)}),
    ("The storms uprooted 2 million people and forced 300,000 more from their homes.",
     D(2022, 9, 1), "casualty", {("displaced", 2_000_000, None), ("displaced", 300_000, None)}),
    ("A drone strike killed four aid workers and one person died of wounds later.",
     D(2024, 4, 2), "casualty", {("killed", 4, None), ("killed", 1, None)}),
    # Sport's injured are no casualty figure.
    ("Two players were injured in training on Thursday.", D(2024, 6, 12), "casualty", set()),
    ("Three Kenya players were hurt when the team bus crashed.", D(2024, 6, 12), "casualty",
     set()),
    # Vague counts are not figures: "hundreds", "dozens", "tens of thousands".
    ("Hundreds were killed and dozens wounded, and tens of thousands fled.", D(2023, 10, 18),
     "casualty", set()),
    ("The militants killed 19 cattle.", D(2023, 1, 5), "casualty", set()),
    # A count made to do what a causing verb's infinitive says.
    ("The siege of the city has forced more than 400,000 people to flee since May.",
     D(2024, 11, 2), "casualty", {("displaced", 400_000, "more than")}),
    ("The army forced 12 officers to resign.", D(2024, 11, 2), "casualty", set()),
    # "called on" a person, with nothing asked of them, is a courtesy visit; a next verb
    # joined by "and" is a meeting of its own, and tells nothing of the first one's mode.
    ("Malaysia's Foreign Minister Mohamad Hasan called on President Joko Widodo at the "
     "palace in Jakarta on Wednesday.", D(2024, 3, 14), "meeting",
     {(("Joko Widodo", "Mohamad Hasan"), "Jakarta", "occurred", "in_person")}),
    ("Malaysia's Foreign Minister Mohamad Hasan met Indonesian Foreign Minister Retno Marsudi "
     "in Jakarta on Wednesday and later called on President Joko Widodo.", D(2024, 3, 14),
     "meeting", {(("Mohamad Hasan", "Retno Marsudi"), "Jakarta", "occurred", "in_person"),
                 (("Joko Widodo", "Mohamad Hasan"), "Jakarta", "occurred", "in_person")}),
    # What a called-off trip was for is called off with it, also "where he had been due to".
    ("Prime Minister Srettha Thavisin put back his trip to Phnom Penh, where he had been due "
     "to meet Prime Minister Hun Manet.", D(2024, 2, 6), "meeting",
     {(("Hun Manet", "Srettha Thavisin"), "Phnom Penh", "cancelled", "in_person")}),
    # A trip told as done on its own day: the meeting it was for took place that day; a trip
    # told without a day of its own keeps its purpose ahead.
    ("Kenyan President William Ruto flew to Addis Ababa on Sunday to meet Prime Minister Abiy "
     "Ahmed.", D(2025, 6, 10), "meeting",
     {(("Abiy Ahmed", "William Ruto"), "Addis Ababa", "occurred", "in_person")}),
    ("The stopover came as President William Ruto travelled on to Ethiopia to meet Prime "
     "Minister Abiy Ahmed.", D(2025, 6, 10), "meeting",
     {(("Abiy Ahmed", "William Ruto"), None, "planned", "in_person")}),
    # Of a meeting where nobody is known to be at home, the one whose home is unknown is the
    # host and the one from elsewhere the guest.
    ("Premier Wang Tao met Gabonese President Brice Ndong in Beijing on Tuesday.",
     D(2024, 6, 12), "visit", {("Brice Ndong", "Beijing", "CN", "occurred")}),
    # Two people who hold a joint news conference have met.
    ("Kenyan President Samuel Kiprono and Ugandan President Jomo Kariuki held a joint news "
     "conference in Nairobi on Monday.", D(2024, 6, 12), "meeting",
     {(("Jomo Kariuki", "Samuel Kiprono"), "Nairobi", "occurred", "in_person")}),
    # Two people who discuss something together are meeting.
    ("General Abdourahamane Tiani and Colonel Assimi Goita discussed security in the Sahel on "
     "Friday.", D(2025, 6, 10), "meeting",
     {(("Abdourahamane Tchiani", "Assimi Goïta"), None, "occurred", "in_person")}),
    # "The trip" / "the meeting" called off in a later sentence is the plan told before,
    # with the meeting the trip was for.
    ("President Cyril Ramaphosa was to fly to Abuja on Friday to meet President Bola "
     "Tinubu. The trip was cancelled after the floods.", D(2024, 9, 10), "meeting",
     {(("Bola Tinubu", "Cyril Ramaphosa"), "Abuja", "cancelled", "in_person")}),
    ("President Cyril Ramaphosa was to fly to Abuja on Friday. The trip was cancelled after "
     "the floods.", D(2024, 9, 10), "visit",
     {("Cyril Ramaphosa", "Abuja", "NG", "cancelled")}),
    ("King Abdullah II was to host a summit with President Mahmoud Abbas in Amman on "
     "Wednesday. Officials said on Tuesday that the meeting had been called off.",
     D(2023, 10, 17), "meeting",
     {(("Abdullah II", "Mahmoud Abbas"), "Amman", "cancelled", "in_person")}),
    # A sentence about a pair the story's subject is in keeps that subject for "he".
    ("Foreign Minister Elmer Schialer held talks with his Chilean counterpart, Alberto van "
     "Klaveren. The two ministers signed a consular accord. On Tuesday he will be received by "
     "President Gabriel Boric.", D(2025, 6, 9), "meeting",
     {(("Alberto van Klaveren", "Elmer Schialer"), None, "occurred", "in_person"),
      (("Elmer Schialer", "Gabriel Boric"), None, "planned", "in_person")}),
    # The nation before a portfolio title is the office holder's: the donor.
    ("German Development Minister Svenja Schulze announced an extra 20 million euros for "
     "Sudan.", D(2024, 4, 15), "aid", {("Germany", "Sudan", 20_000_000, "EUR", "announced")}),
    # Sought, not set: "hopes to" (which the lemmatiser reads as "hop"), "has not been ruled
    # out", "no date has been set"; a cancel verb negated calls nothing off.
    ("President Yoweri Museveni hopes to meet President Felix Tshisekedi before the end of "
     "the year.", D(2023, 9, 4), "meeting",
     {(("Felix Tshisekedi", "Yoweri Museveni"), None, "possible", "in_person")}),
    ("A meeting between Yoweri Museveni and Felix Tshisekedi has not been ruled out.",
     D(2023, 9, 4), "meeting",
     {(("Felix Tshisekedi", "Yoweri Museveni"), None, "possible", "in_person")}),
    ("No date has been set for a meeting between Yoweri Museveni and Felix Tshisekedi.",
     D(2023, 9, 4), "meeting",
     {(("Felix Tshisekedi", "Yoweri Museveni"), None, "possible", "in_person")}),
    ("President Yoweri Museveni did not cancel his trip to Kinshasa despite the protests.",
     D(2023, 9, 4), "visit", {("Yoweri Museveni", "Kinshasa", "CD", "occurred")}),
    # Tipped to attend is a guess.
    ("Kenyan President Samuel Kiprono is tipped to attend the summit in Kampala.",
     D(2024, 6, 12), "visit", {("Samuel Kiprono", "Kampala", "UG", "possible")}),
    # A wish is possible, an accepted invitation a plan, a meeting called for is asked for
    # (no telephone call).
    ("Kenyan President Samuel Kiprono would like to visit Kampala soon.", D(2024, 6, 12),
     "visit", {("Samuel Kiprono", "Kampala", "UG", "possible")}),
    ("Kenyan President Samuel Kiprono accepted an invitation to visit Kampala.",
     D(2024, 6, 12), "visit", {("Samuel Kiprono", "Kampala", "UG", "planned")}),
    ("Kenyan President Samuel Kiprono called for a meeting with Ugandan President Jomo "
     "Kariuki.", D(2024, 6, 12), "meeting",
     {(("Jomo Kariuki", "Samuel Kiprono"), None, "possible", "in_person")}),
    # An invitation to a place is a possible visit by the one invited.
    ("President Yoweri Museveni invited President Felix Tshisekedi to visit Kampala.",
     D(2023, 9, 4), "visit", {("Felix Tshisekedi", "Kampala", "UG", "possible")}),
    ("President Yoweri Museveni has invited President Felix Tshisekedi to Kampala.",
     D(2023, 9, 4), "visit", {("Felix Tshisekedi", "Kampala", "UG", "possible")}),
    # A person the press names by the first word of the full name ("Pham", "Ding"), when
    # that word names one person of the article and ends no one's name.
    ("Vietnamese Prime Minister Pham Minh Chinh arrived in Canberra on Wednesday. Pham later "
     "met Prime Minister Anthony Albanese at Parliament House.", D(2024, 3, 7), "meeting",
     {(("Anthony Albanese", "Pham Minh Chinh"), "Canberra", "occurred", "in_person")}),
    # A particle joined by a hyphen to the word it belongs to is part of the name.
    ("Tunisian Prime Minister Kamel el-Materi flew to Algiers for talks with Prime Minister "
     "Nadir Ben-Larbi.", D(2025, 6, 10), "meeting",
     {(("Kamel el-Materi", "Nadir Ben-Larbi"), "Algiers", "occurred", "in_person")}),
    ("Secretary of State Antony Blinken called on Israeli Prime Minister Benjamin Netanyahu "
     "to allow more aid into Gaza.", D(2024, 3, 14), "meeting", set()),
    # An inner word of a longer name names the person too: the paternal surname before the
    # maternal one ("Quintana" of Ramiro Quintana Balta), as the Spanish-language press has it.
    ("Paraguayan President Ramiro Quintana Balta arrived in Montevideo on Monday. Quintana met "
     "Foreign Minister Tomás Ledesma on Tuesday.", D(2024, 3, 5), "meeting",
     {(("Ramiro Quintana Balta", "Tomás Ledesma"), "Montevideo", "occurred", "in_person")}),
    # The article's own "Paraguayan President X" says who "the Paraguayan president" is, ahead
    # of the registry's holder on that day; a former holder is no holder.
    ("Paraguayan President Ramiro Quintana Balta arrived in Montevideo on Monday. On Tuesday "
     "the Paraguayan president met Foreign Minister Tomás Ledesma.", D(2024, 3, 5), "meeting",
     {(("Ramiro Quintana Balta", "Tomás Ledesma"), "Montevideo", "occurred", "in_person")}),
    # A title the lexicon knows is no part of the name ("State Councillor Wei Dongsheng").
    ("State Councillor Wei Dongsheng visited Phnom Penh on Monday and met Prime Minister "
     "Hun Manet.", D(2024, 3, 5), "meeting",
     {(("Hun Manet", "Wei Dongsheng"), "Phnom Penh", "occurred", "in_person")}),
    # Only a two-word name is read with its words swapped ("Kishida Fumio"): "Faisal Al Saud"
    # is not the registry's Saud al-Faisal.
    ("Sultan Haitham bin Tariq received Crown Prince Faisal Al Saud in Muscat on Monday.",
     D(2024, 3, 5), "meeting",
     {(("Faisal Al Saud", "Haitham bin Tariq"), "Muscat", "occurred", "in_person")}),
    # A city a verb of travel leads to is a place, though the NER took it for a body.
    ("Foreign Minister Ines Varga will travel to Chattogram on Friday.", D(2024, 3, 5),
     "visit", {("Ines Varga", "Chattogram", "BD", "planned")}),
    # "Talks with X, her Vietnamese counterpart": the one whose counterpart X is met X.
    ("Foreign Minister Ines Varga arrived in Hanoi on Monday. Talks with Bui Thanh Son, her "
     "Vietnamese counterpart, focused on fisheries.", D(2024, 3, 5), "meeting",
     {(("Bui Thanh Son", "Ines Varga"), "Hanoi", "occurred", "in_person")}),
    # A leader in the seat of government is at home, though GeoNames gives another capital.
    ("Kazakh President Nurlan Abenov told reporters in Astana on Tuesday that the talks would "
     "go on.", D(2024, 3, 5), "visit", set()),
    ("Palestinian President Yusuf Haddad told reporters in Ramallah on Tuesday that the talks "
     "would go on.", D(2024, 3, 5), "visit", set()),
    # "leaders of the Zambian opposition" are people of their own, not the story's group.
    ("Foreign Minister Ines Varga met President Tendai Moyo in Harare on Monday. Varga flew "
     "on to Lusaka on Tuesday for a meeting with leaders of the Zambian opposition.",
     D(2024, 3, 5), "meeting",
     {(("Ines Varga", "Tendai Moyo"), "Harare", "occurred", "in_person")}),
    # "is due in Quito" is a plan however its clause is joined, with or without a story date.
    ("Foreign Minister Ines Varga flew on to Lima on Tuesday evening and is due in Quito on "
     "Thursday.", None, "visit", {("Ines Varga", "Lima", "PE", "occurred"),
                                   ("Ines Varga", "Quito", "EC", "planned")}),
    # A dateline is not part of its sentence: its city is no subject, its date no event's.
    ("ACCRA, Ghana, Feb 20 (Reuters) — Togolese President Faure Gnassingbe arrived in Accra "
     "on Tuesday for talks on border security.", D(2024, 2, 20), "visit",
     {("Faure Gnassingbe", "Accra", "GH", "occurred")}),
    ("LIMA, June 3 (Reuters) - Chilean Foreign Minister Alberto van Klaveren met his Peruvian "
     "counterpart Elmer Schialer in Lima on Monday.", D(2025, 6, 4), "meeting",
     {(("Alberto van Klaveren", "Elmer Schialer"), "Lima", "occurred", "in_person")}),
    # The registry's one-word name ("Anwar") does not take a longer name the article gives
    # another person ("Anwar Rahim Ismail"): the article's person is meant later on.
    ("Malaysian Trade Minister Anwar Rahim Ismail arrived in Dhaka on Monday. Anwar met "
     "Foreign Minister Hasan Mahmud Chowdhury on Tuesday.", D(2024, 3, 5), "meeting",
     {(("Anwar Rahim Ismail", "Hasan Mahmud Chowdhury"), "Dhaka", "occurred", "in_person")}),
    ("The envoy of former Paraguayan President Ramiro Quintana Balta spoke on Monday. On Tuesday "
     "the Paraguayan president met Foreign Minister Tomás Ledesma in Asunción.", D(2024, 3, 5),
     "meeting", {(("Santiago Peña", "Tomás Ledesma"), "Asunción", "occurred", "in_person")}),
    # "The head of <body>, <Name>," names the office holder, though the parser hangs the
    # name on the body.
    ("The chairwoman of the Pacific Islands Forum, Losana Vake, arrived in Suva on Friday.",
     D(2024, 8, 19), "visit", {("Losana Vake", "Suva", "FJ", "occurred")}),
    ("The foreign minister of Bhutan, Tenzin Dorji Wangdi, met Foreign Minister Arzu Rana "
     "Deuba in Kathmandu on Sunday.", D(2024, 8, 19), "meeting",
     {(("Arzu Rana Deuba", "Tenzin Dorji Wangdi"), "Kathmandu", "occurred", "in_person")}),
    # A place the parser hangs on the person met is where the meeting is, and the visitor
    # is there.
    ("Mongolian President Batbayar Ganzorig hosted his Kyrgyz counterpart Almaz Toktogulov in "
     "Ulaanbaatar on Tuesday.", D(2024, 8, 19), "visit",
     {("Almaz Toktogulov", "Ulaanbaatar", "MN", "occurred")}),
    ("Foreign Minister Elena Markova held talks with the head of the World Food Programme, "
     "Daniel Okafor, in Rome on Monday.", D(2024, 8, 19), "meeting",
     {(("Daniel Okafor", "Elena Markova"), "Rome", "occurred", "in_person")}),
    # A bare plural ("met with ministers") is nobody the story named: only "the leaders",
    # "both men", "the two ministers" point back.
    ("Foreign Minister Elena Markova and President Daniel Okafor held talks in Abuja on "
     "Monday. On Tuesday Markova met with ministers at a conference in Lagos.", D(2024, 8, 19),
     "meeting", {(("Daniel Okafor", "Elena Markova"), "Abuja", "occurred", "in_person")}),
    # "is expected in" a city: the parser's passive verb is a plan like "is due in".
    ("Foreign Minister Elena Markova is expected in Tbilisi on Thursday.", D(2024, 8, 19),
     "visit", {("Elena Markova", "Tbilisi", "GE", "planned")}),
    ("Foreign Minister Elena Markova held talks with the head of the World Food Programme, "
     "Daniel Okafor, in Rome on Monday.", D(2024, 8, 19), "visit",
     {("Elena Markova", "Rome", "IT", "occurred")}),
    # The parser can split a title from its name into two subjects ("top diplomat" and the
    # name both hang on the verb): the name is the traveller.
    ("Nigeria's top diplomat Daniel Okafor landed in Accra on Saturday ahead of indirect "
     "talks with envoy Kofi Mensah.", D(2024, 8, 19), "visit",
     {("Daniel Okafor", "Accra", "GH", "occurred")}),
    # An opening clause that names a counterpart can steal the speaker's name as its
    # apposition; the name just before the subjectless verb is its subject.
    # A counterpart beside the speaker is the host, not a companion on the trip.
    ("Speaking to reporters in Accra alongside his Ghanaian counterpart Kofi Mensah, "
     "Nigerian Foreign Minister Daniel Okafor said the talks were useful.", D(2024, 8, 19),
     "visit",
     {("Daniel Okafor", "Accra", "GH", "occurred")}),
    # The parser can leave a named counterpart as a loose "dep" of the verb, with the place
    # hung on it: the place is still the meeting's.
    ("Foreign Minister Elena Markova met her counterpart Tomas Okafor in Lagos on Monday.",
     D(2024, 8, 19), "meeting",
     {(("Elena Markova", "Tomas Okafor"), "Lagos", "occurred", "in_person")}),
    # "with visiting X": the parser makes "visiting" a verb and the person its object.
    ("President Kassym-Jomart Tokayev held talks in Astana on Tuesday with visiting "
     "Hungarian Prime Minister Gabor Kiss.", D(2025, 6, 3), "meeting",
     {(("Gabor Kiss", "Kassym-Jomart Tokayev"), "Astana", "occurred", "in_person")}),
    # A visiting guest is where a datelined story was filed, or else in the host's country.
    ("ASTANA, June 3 - Kazakh President Nurlan Amanov held talks on Tuesday with visiting "
     "Hungarian Prime Minister Gabor Kiss.", D(2025, 6, 3), "visit",
     {("Gabor Kiss", "Astana", "KZ", "occurred")}),
    ("The visiting Hungarian prime minister, Gabor Kiss, was received by Kazakh President "
     "Nurlan Amanov on Tuesday.", D(2025, 6, 3), "visit",
     {("Gabor Kiss", None, "KZ", "occurred")}),
    # A capitalised compound office before "of <body>, <Name>" names its holder too.
    ("President Kassym-Jomart Tokayev received the Secretary General of the Organisation of "
     "Turkic States, Kubanychbek Omuraliev.", D(2025, 6, 3), "meeting",
     {(("Kassym-Jomart Tokayev", "Kubanychbek Omuraliev"), None, "occurred", "in_person")}),
    # Talks a traveller "arrives in X for" are still ahead when the arrival is told in the
    # present.
    ("Foreign Minister Elena Markova arrives in Hanoi on Thursday for talks with Prime "
     "Minister Tomas Okafor.", D(2025, 3, 6), "meeting",
     {(("Elena Markova", "Tomas Okafor"), "Hanoi", "planned", "in_person")}),
    # "the visit to Japan of President X": the parser hangs the owner on the place.
    ("The talks followed agreements reached during the visit to Japan of President Ramon "
     "Cruz in February.", D(2023, 8, 31), "visit", {("Ramon Cruz", None, "JP", "occurred")}),
    # A generational suffix after a comma is part of the name: "Ramon Cruz, Jr." is Ramon
    # Cruz Jr., not Ramon Cruz.
    ("President Ramon Cruz, Jr. arrived in Tokyo on Monday.", D(2023, 8, 31), "visit",
     {("Ramon Cruz Jr.", "Tokyo", "JP", "occurred")}),
    # A plural office set before the names it stands for is those names, not the registry's
    # holders of the offices.
    ("The leaders of Georgia and Kenya, President Elena Markova and President Daniel "
     "Mwangi, met in Tbilisi.", D(2025, 3, 4), "meeting",
     {(("Daniel Mwangi", "Elena Markova"), "Tbilisi", "occurred", "in_person")}),
    # "her counterpart from Kenya, X": the parser hangs X on the country.
    ("Foreign Minister Elena Markova held bilateral talks with her counterpart from Kenya, "
     "Daniel Mwangi, in Nairobi.", D(2025, 3, 4), "meeting",
     {(("Daniel Mwangi", "Elena Markova"), "Nairobi", "occurred", "in_person")}),
    # Sport is not diplomacy: a name introduced as a star, a coach or a player travels on
    # no diplomat's route.
    ("Tennis star Luca Ferri arrived in Melbourne on Tuesday ahead of the tournament.",
     D(2025, 1, 14), "visit", set()),
    ("Coach Marco Bellini met the players in Madrid on Monday before the final.",
     D(2025, 1, 14), "visit", set()),
    # A military rank is no sign of sport: juntas' leaders are written so.
    ("Captain Ibrahim Toure met Russian envoy Sergei Ivanov in Ouagadougou on Monday.",
     D(2025, 1, 14), "meeting",
     {(("Ibrahim Toure", "Sergei Ivanov"), "Ouagadougou", "occurred", "in_person")}),
    # A capital the NER takes for a name is still the place a visit verb names.
    ("Foreign Minister Ana Zacarias visited Luanda.", D(2025, 3, 4), "visit",
     {("Ana Zacarias", "Luanda", "AO", "occurred")}),
    # A stop on the way is a stop: "will stop in Lilongwe", "stopped over in Dubai".
    ("On his way home, President John Asante will stop in Lilongwe.", D(2025, 3, 5), "visit",
     {("John Asante", "Lilongwe", "MW", "planned")}),
    ("President John Asante stopped over in Dubai on his way to Beijing.", D(2025, 3, 5),
     "visit", {("John Asante", "Dubai", "AE", "occurred"),
               ("John Asante", "Beijing", "CN", "occurred")}),
    # A name in commas after "counterpart" is a person even when the NER calls it a place.
    ("Kofi Mensah, Ghana's foreign minister, arrived in Abuja on Monday. Mr Mensah met his "
     "Nigerian counterpart, Tomas Okafor, at the ministry.", D(2025, 3, 5), "meeting",
     {(("Kofi Mensah", "Tomas Okafor"), "Abuja", "occurred", "in_person")}),
    # "co-chaired" is split in three by the tokenizer and the subject hung on "co".
    ("Foreign Minister Kofi Mensah and his German counterpart Anna Weber co-chaired the "
     "joint commission in Accra.", D(2025, 3, 5), "meeting",
     {(("Anna Weber", "Kofi Mensah"), "Accra", "occurred", "in_person")}),
    # "his German counterpart" of a minister the text titles but gives no country: the
    # office is enough to know whose counterpart is meant.
    ("Foreign Minister Kofi Mensah held a meeting with his German counterpart in Berlin on "
     "Monday.", D(2024, 3, 5), "meeting",
     {(("Annalena Baerbock", "Kofi Mensah"), "Berlin", "occurred", "in_person")}),
    # A trip still being arranged or talked about is possible; once arranged, planned.
    ("Ghana is arranging a visit to China by Foreign Minister Kofi Mensah later this month.",
     D(2025, 3, 5), "visit", {("Kofi Mensah", None, "CN", "possible")}),
    ("Both sides are in talks about a visit by Foreign Minister Kofi Mensah to Beijing.",
     D(2025, 3, 5), "visit", {("Kofi Mensah", "Beijing", "CN", "possible")}),
    ("Officials are working to arrange a meeting between Foreign Minister Kofi Mensah and "
     "Foreign Minister Anna Weber.", D(2025, 3, 5), "meeting",
     {(("Anna Weber", "Kofi Mensah"), None, "possible", "in_person")}),
    # A meeting noun in an "in" phrase of a meeting verb is that meeting, held its way; a
    # "call" with a predicate names something, not a telephone call.
    ("President Ada Okonkwo met virtually with Chinese President Li Wen on Monday in a "
     "conversation both sides called frank.", D(2025, 3, 10), "meeting",
     {(("Ada Okonkwo", "Li Wen"), None, "occurred", "video")}),
    # The parser reads the person "called" as a predicate; "on Monday" is no "called on".
    ("French President Emmanuel Macron called Ukrainian President Volodymyr Zelensky on "
     "Monday.", D(2025, 3, 10), "meeting",
     {(("Emmanuel Macron", "Volodymyr Zelensky"), None, "occurred", "phone")}),
    # A story filed from a city that names an office without its country names the host
    # country's; a meeting by video puts no one in the city it was filed from.
    ("NAIROBI — Foreign Minister Ada Okonkwo said on Monday that talks on the border would "
     "resume.", D(2025, 3, 10), "visit", set()),
    ("WASHINGTON — Colombian President Ana Ruiz met virtually with U.S. President Joe Biden "
     "on Monday.", D(2025, 3, 10), "visit", set()),
    # "his X and Y counterparts, A and B": the plural office is the names that follow it.
    ("Foreign Minister Aida Bekova met separately with her Kyrgyz and Tajik counterparts, "
     "Temir Osmonov and Farhod Rahimov, in Astana.", D(2025, 3, 10), "meeting",
     {(("Aida Bekova", "Temir Osmonov"), "Astana", "occurred", "in_person"),
      (("Aida Bekova", "Farhod Rahimov"), "Astana", "occurred", "in_person")}),
    # A meal a host gives for a guest is a meeting with the guest.
    ("Crown Prince Faisal bin Nasser hosted a dinner for Kenyan President Samuel Kiprono in "
     "Riyadh.", D(2025, 3, 10), "meeting",
     {(("Faisal bin Nasser", "Samuel Kiprono"), "Riyadh", "occurred", "in_person")}),
    # "left A for B": B is where the traveller goes, even when the NER calls it a body.
    ("Malawian President Peter Banda left Lilongwe for Harare on Sunday to attend the SADC "
     "summit.", D(2025, 3, 12), "visit", {("Peter Banda", "Lilongwe", "MW", "occurred"),
                                          ("Peter Banda", "Harare", "ZW", "occurred")}),
    # A tour "starting with" its first stops.
    ("Iraqi Prime Minister Ali Hassan embarked on a tour of Gulf states, starting with Kuwait "
     "and Qatar.", D(2025, 3, 12), "visit", {("Ali Hassan", None, "KW", "occurred"),
                                             ("Ali Hassan", None, "QA", "occurred")}),
    # A toll that "has reached" its figure; refugees are displaced people.
    ("The number of refugees in Chad has reached 600,000.", D(2025, 3, 12), "casualty",
     {("displaced", 600_000, None)}),
    # "is supposed to" is a plan; "was supposed to ..., but the talks were postponed" one
    # called off.
    ("Foreign Minister Aida Bekova was supposed to meet Hakan Fidan in Ankara but the talks "
     "were postponed.", D(2025, 3, 12), "meeting",
     {(("Aida Bekova", "Hakan Fidan"), "Ankara", "cancelled", "in_person")}),
    ("Foreign Minister Aida Bekova is supposed to meet Hakan Fidan in Ankara on Friday.",
     D(2025, 3, 12), "meeting", {(("Aida Bekova", "Hakan Fidan"), "Ankara", "planned",
                                  "in_person")}),
    # A participle a verb in the past governs tells a journey made, not one ahead.
    ("Emir Hamad bin Khalid left Doha on Monday heading to Rome on an official visit to "
     "Italy.", D(2025, 3, 12), "visit", {("Hamad bin Khalid", "Doha", "QA", "occurred"),
                                        ("Hamad bin Khalid", "Rome", "IT", "occurred")}),
    ("President Samuel Kiprono spoke to reporters on Monday before flying to Rome.",
     D(2025, 3, 12), "visit", {("Samuel Kiprono", "Rome", "IT", "occurred")}),
    # A state or official visit told without a place is to the country of the host who
    # speaks of it.
    ("Chinese President Xi Jinping called the state visit of Ugandan President Yoweri "
     "Museveni a milestone.", D(2025, 3, 12), "visit",
     {("Yoweri Museveni", None, "CN", "occurred")}),
    # "President of Kenya X" serves Kenya: at home in its capital.
    ("President of Kenya Samuel Kiprono arrived in Nairobi on Monday.", D(2025, 3, 12),
     "visit", set()),
    # A two-letter initial of a transliterated name ends no sentence and starts the name.
    ("Foreign Minister Ts. Munkh-Erdene met Wang Yi in Beijing on Monday.", D(2025, 3, 12),
     "meeting", {(("Ts. Munkh-Erdene", "Wang Yi"), "Beijing", "occurred", "in_person")}),
    ("Wang Yi met Mongolian Foreign Minister Kh.Gombojav in Beijing on Monday.",
     D(2025, 3, 12), "meeting",
     {(("Kh.Gombojav", "Wang Yi"), "Beijing", "occurred", "in_person")}),
    # "The summit" of later sentences is where the summit was told to be; one who attends
    # it joins no meeting held on its sidelines.
    ("Leaders gathered in Lima on Saturday for the APEC summit. On the sidelines of the "
     "summit, President Ana Ruiz met President Tomas Okafor. Brazilian President Carlos "
     "Mendes will attend the summit on Sunday.", D(2025, 11, 16), "meeting",
     {(("Ana Ruiz", "Tomas Okafor"), "Lima", "occurred", "in_person")}),
    ("Leaders gathered in Lima on Saturday for the APEC summit. UN Secretary-General Antonio "
     "Guterres told the summit that trade must stay open.", D(2025, 11, 16), "visit",
     {("António Guterres", "Lima", "PE", "occurred")}),
    # An approval still ahead is under debate: proposed, not authorized.
    ("The World Bank board will vote next week on a $700 million loan for Kenya.",
     D(2025, 3, 12), "aid", {("World Bank", "Kenya", 700e6, "USD", "proposed")}),
    # The host of unnamed guests stays where they come to.
    ("Foreign Minister Aida Bekova hosted her counterparts from Kyrgyzstan and Tajikistan in "
     "Astana on Monday.", D(2025, 3, 12), "visit", set()),
    # A trip in a "when" clause of a plan is a plan too, and places the planned talks.
    ("President Samuel Kiprono will hold talks with Yoweri Museveni when he visits Kampala "
     "next week.", D(2025, 3, 12), "visit", {("Samuel Kiprono", "Kampala", "UG", "planned")}),
    ("President Samuel Kiprono will hold talks with Yoweri Museveni when he visits Kampala "
     "next week.", D(2025, 3, 12), "meeting",
     {(("Samuel Kiprono", "Yoweri Museveni"), "Kampala", "planned", "in_person")}),
    # "the first leader to visit X" made the visit, unless "will become" the first.
    ("Prime Minister Ali Hassan became the first Iraqi leader to visit Tehran in a decade.",
     D(2025, 3, 12), "visit", {("Ali Hassan", "Tehran", "IR", "occurred")}),
    ("Prime Minister Ali Hassan will become the first Iraqi leader to visit Tehran in a "
     "decade.", D(2025, 3, 12), "visit", {("Ali Hassan", "Tehran", "IR", "planned")}),
    # A former office holder stays their country's: "the Biden administration" told after
    # it left office is still the United States.
    ("The Biden administration announced $500 million in new military aid for Ukraine.",
     D(2025, 3, 12), "aid", {("United States", "Ukraine", 500e6, "USD", "announced")}),
    # "took place between A and B": the parser hangs the parties on the verb.
    ("A phone conversation took place between President Samuel Kiprono and President Yoweri "
     "Museveni on Monday.", D(2025, 3, 12), "meeting",
     {(("Samuel Kiprono", "Yoweri Museveni"), None, "occurred", "phone")}),
    # The "I" of a quote is its speaker.
    ("\"I will travel to Kyiv next week,\" President Samuel Kiprono told reporters.",
     D(2025, 3, 12), "visit", {("Samuel Kiprono", "Kyiv", "UA", "planned")}),
    ("President Samuel Kiprono said: \"I am going to Beijing in April.\"", D(2025, 3, 12),
     "visit", {("Samuel Kiprono", "Beijing", "CN", "planned")}),
    # A people that "crossed into" another country fled there; troops crossing did not.
    ("The UN refugee agency said 3.2 million Sudanese had crossed into neighbouring "
     "countries.", D(2025, 3, 12), "casualty", {("displaced", 3_200_000, None)}),
    ("More than 5,000 troops crossed into the border region on Monday, the UN refugee "
     "agency said.", D(2025, 3, 12), "casualty", set()),
    # A place "near" what was visited is where the visit was.
    ("President Samuel Kiprono visited a refugee camp near Goma on Tuesday.", D(2025, 3, 12),
     "visit", {("Samuel Kiprono", "Goma", "CD", "occurred")}),
    ("The missile landed near Kherson.", D(2025, 3, 12), "visit", set()),
    # "met A and B in Nairobi": the parser hangs the place on B; it is the meeting's.
    ("President Samuel Kiprono met Prime Minister Ali Hassan and President Yoweri Museveni "
     "in Nairobi on Monday.", D(2025, 3, 12), "meeting",
     {(("Ali Hassan", "Samuel Kiprono", "Yoweri Museveni"), "Nairobi", "occurred",
       "in_person")}),
    # "is on a visit" is under way: its weekday is the one gone by, not the next.
    ("Yoweri Museveni, who is on a three-day state visit to Kenya, addressed parliament on "
     "Tuesday.", D(2025, 3, 12), "visit", {("Yoweri Museveni", None, "KE", "occurred")}),
    # An office the text gives a name says where its holder is at home, titled or not:
    # "his Ugandan counterpart X" in Kampala made no visit.
    ("President Samuel Kiprono and his Ugandan counterpart Jomo Okello met in Kampala on "
     "Monday.", D(2025, 3, 12), "visit", {("Samuel Kiprono", "Kampala", "UG", "occurred")}),
    ("The Ugandan envoy, Jomo Okello, and President Samuel Kiprono held talks in Kampala on "
     "Monday.", D(2025, 3, 12), "visit", {("Samuel Kiprono", "Kampala", "UG", "occurred")}),
    # The particles of a name go on to the word after them, where the NER stops short.
    ("Jan van der Hoek arrived in Montevideo on Thursday.", D(2024, 12, 6), "visit",
     {("Jan van der Hoek", "Montevideo", "UY", "occurred")}),
    # A country reached and a city of it planned for another day are two stops.
    ("President Samuel Kiprono arrived in Uganda on Saturday on a two-day visit. On Sunday he "
     "will travel to Gulu.", D(2025, 3, 15), "visit",
     {("Samuel Kiprono", None, "UG", "occurred"), ("Samuel Kiprono", "Gulu", "UG", "planned")}),
    # The traveller's own country on an itinerary line is the way home, not a stop.
    ("Kenyan President Samuel Kiprono will tour Europe next week.\nSaturday, May 27: Talks in "
     "Italy before flying back to Kenya.", D(2017, 5, 19), "visit",
     {("Samuel Kiprono", None, "IT", "planned")}),
    # "X received him": an object pronoun is never its own clause's subject; an undated
    # welcome told after an arrival is in the city reached.
    ("President Samuel Kiprono arrived in Cairo on Monday. President Hassan Okello received "
     "him at the palace.", D(2024, 8, 3), "meeting",
     {(("Hassan Okello", "Samuel Kiprono"), "Cairo", "occurred", "in_person")}),
    ("President Samuel Kiprono arrived in Cairo on Monday. President Hassan Okello met with "
     "him on Tuesday.", D(2024, 8, 3), "meeting",
     {(("Hassan Okello", "Samuel Kiprono"), "Cairo", "occurred", "in_person")}),
    # An initial glued to its surname is a name, not the end of a sentence, and the country
    # of a title is not the first word of its holder's name.
    ("The President of Kenya Samuel Kiprono met President Kh.Ganbold in Ulaanbaatar on "
     "Monday.", D(2024, 8, 8), "meeting",
     {(("Kh.Ganbold", "Samuel Kiprono"), "Ulaanbaatar", "occurred", "in_person")}),
    ("The President of Mongolia Kh.Ganbold met President Samuel Kiprono in Ulaanbaatar on "
     "Monday.", D(2024, 8, 8), "meeting",
     {(("Kh.Ganbold", "Samuel Kiprono"), "Ulaanbaatar", "occurred", "in_person")}),
    # A meeting named by a noun has no tense: it is as far along as the trip taking its
    # participant there.
    ("President Samuel Kiprono will travel to Riyadh on Saturday. A banner advertises "
     "Kiprono's meeting with King Hassan Okello in Riyadh.", D(2025, 10, 22), "meeting",
     {(("Hassan Okello", "Samuel Kiprono"), "Riyadh", "planned", "in_person")}),
    # "Another" sum told "today" and on the story's day is the same sum, told twice.
    ("Kiprono pledges another £30m in UK aid to typhoon-hit Philippines.\n\nMr Kiprono said: "
     "\"Today I can announce we are providing another £30 million to support the appeals.\"",
     D(2013, 11, 15), "aid", {("United Kingdom", "Philippines", 30e6, "GBP", "pledged")}),
    # The name right after its title is the title's holder, though the parser reads its
    # first word ("To") as a preposition.
    ("Vietnamese President To Lam arrived in Vientiane on Thursday for a two-day state visit.",
     D(2024, 7, 12), "visit", {("To Lam", "Vientiane", "LA", "occurred")}),
    # "X heads to Berlin": the small model reads "heads" as a plural noun after a name.
    ("Foreign Minister Hassan Okello heads to Berlin on Thursday.", D(2024, 8, 6), "visit",
     {("Hassan Okello", "Berlin", "DE", "planned")}),
    ("The heads of state met in Paris.", D(2024, 8, 6), "visit", set()),
    # Bilateral meetings (plural) with several leaders are one meeting each, and so is an
    # object the parser hangs on the verb past a "later".
    ("On the sidelines of the summit, President Samuel Kiprono held bilateral meetings with "
     "Prime Minister Ali Hassan, President Jomo Okello and Chancellor Greta Lind.",
     D(2024, 8, 8), "meeting",
     {(("Ali Hassan", "Samuel Kiprono"), None, "occurred", "in_person"),
      (("Jomo Okello", "Samuel Kiprono"), None, "occurred", "in_person"),
      (("Greta Lind", "Samuel Kiprono"), None, "occurred", "in_person")}),
    ("President Samuel Kiprono met Prime Minister Ali Hassan and, later, President Jomo "
     "Okello in Addis Ababa on Monday.", D(2024, 8, 8), "meeting",
     {(("Ali Hassan", "Samuel Kiprono"), "Addis Ababa", "occurred", "in_person"),
      (("Jomo Okello", "Samuel Kiprono"), "Addis Ababa", "occurred", "in_person")}),
    # "Exchanged views" is a conversation, and the way it was held may hang on the views or
    # on the light verb of "held talks"; "exchanged fire" and "exchanged letters" are not.
    ("President Samuel Kiprono and Prime Minister Ali Hassan exchanged views by phone on "
     "Monday.", D(2024, 8, 8), "meeting",
     {(("Ali Hassan", "Samuel Kiprono"), None, "occurred", "phone")}),
    ("President Samuel Kiprono and Prime Minister Ali Hassan exchanged letters on Monday.",
     D(2024, 8, 8), "meeting", set()),
    ("President Samuel Kiprono and Prime Minister Ali Hassan held talks via videoconference "
     "on Monday.", D(2024, 8, 8), "meeting",
     {(("Ali Hassan", "Samuel Kiprono"), None, "occurred", "video")}),
    # The sentence's only meeting is the one it calls virtual, wherever the parser hangs
    # the summit.
    ("President Samuel Kiprono and Prime Minister Ali Hassan held their first extended talks "
     "since Kiprono took office in a virtual summit that lasted three hours on Monday.",
     D(2021, 11, 16), "meeting", {(("Ali Hassan", "Samuel Kiprono"), None, "occurred", "video")}),
    # "A on Monday and B on Tuesday": the small model makes B a conjunct of the first date;
    # each object is a stop or a meeting of its own, and a capital the NER takes for a
    # person still stands in the list of places.
    ("Foreign Minister Hassan Okello visited Kampala on Monday and Nairobi on Wednesday.",
     D(2024, 8, 8), "visit",
     {("Hassan Okello", "Kampala", "UG", "occurred"), ("Hassan Okello", "Nairobi", "KE",
                                                       "occurred")}),
    ("The Argentine foreign minister, Lucia Ferrer, visited Montevideo on Monday and Asunción "
     "on Tuesday.", D(2024, 8, 8), "visit",
     {("Lucia Ferrer", "Montevideo", "UY", "occurred"), ("Lucia Ferrer", "Asunción", "PY",
                                                         "occurred")}),
    ("President Samuel Kiprono met Prime Minister Ali Hassan on Monday and President Jomo "
     "Okello on Tuesday.", D(2024, 8, 8), "meeting",
     {(("Ali Hassan", "Samuel Kiprono"), None, "occurred", "in_person"),
      (("Jomo Okello", "Samuel Kiprono"), None, "occurred", "in_person")}),
    ("President Samuel Kiprono will meet Prime Minister Ali Hassan in Nairobi on Monday and "
     "President Jomo Okello in Kampala on Wednesday.", D(2024, 8, 8), "meeting",
     {(("Ali Hassan", "Samuel Kiprono"), "Nairobi", "planned", "in_person"),
      (("Jomo Okello", "Samuel Kiprono"), "Kampala", "planned", "in_person")}),
    # A place the parser hangs on the last participant is the meeting's (and its host sat
    # at it), and a name the parser hangs on the verb past a comma is the holder of the
    # office before it.
    ("The talks between Prime Minister Ali Hassan and President Jomo Okello in Brussels were "
     "hosted by Chancellor Greta Lind.", D(2024, 8, 8), "meeting",
     {(("Ali Hassan", "Greta Lind", "Jomo Okello"), "Brussels", "occurred", "in_person")}),
    ("Foreign Minister Hassan Okello held talks with the Chairperson of the African Union "
     "Commission, Moussa Diarra Kone, in Addis Ababa on Friday.", D(2024, 8, 8), "meeting",
     {(("Hassan Okello", "Moussa Diarra Kone"), "Addis Ababa", "occurred", "in_person")}),
    # Coming together "for talks" is a meeting; pushing or calling for them is not.
    ("President Samuel Kiprono and Prime Minister Ali Hassan sat down for talks in Kampala "
     "on Friday.", D(2024, 8, 8), "meeting",
     {(("Ali Hassan", "Samuel Kiprono"), "Kampala", "occurred", "in_person")}),
    ("President Samuel Kiprono and Prime Minister Ali Hassan pushed for talks with the "
     "rebels.", D(2024, 8, 8), "meeting", set()),
    # Who attended a summit sat at it, and was in its city; so was whoever met someone on
    # the sidelines of the gathering the article told.
    ("Kenyan President Jomo Okello hosted the summit in Nairobi, which was attended by "
     "President Samuel Kiprono and Prime Minister Ali Hassan.", D(2024, 6, 12), "meeting",
     {(("Ali Hassan", "Jomo Okello", "Samuel Kiprono"), "Nairobi", "occurred", "in_person")}),
    ("Kenyan President Jomo Okello hosted the summit in Nairobi, which was attended by "
     "President Samuel Kiprono and Prime Minister Ali Hassan.", D(2024, 6, 12), "visit",
     {("Samuel Kiprono", "Nairobi", "KE", "occurred"), ("Ali Hassan", "Nairobi", "KE",
                                                        "occurred")}),
    ("The summit in Kampala was attended by President Samuel Kiprono and Prime Minister Ali "
     "Hassan.", D(2024, 6, 12), "meeting",
     {(("Ali Hassan", "Samuel Kiprono"), "Kampala", "occurred", "in_person")}),
    ("Leaders gathered in Kampala on Monday for a regional summit. On the sidelines, "
     "President Samuel Kiprono met Prime Minister Ali Hassan.", D(2024, 6, 12), "visit",
     {("Samuel Kiprono", "Kampala", "UG", "occurred"), ("Ali Hassan", "Kampala", "UG",
                                                        "occurred")}),
    # A meeting the sentence calls off takes its guest's trip with it.
    ("Kenyan President Jomo Okello was due to host his Ugandan counterpart Ali Hassan in "
     "Nairobi on Monday, but the meeting was called off.", D(2024, 5, 15), "visit",
     {("Ali Hassan", "Nairobi", "KE", "cancelled")}),
    # A meeting in the country one party is at home in makes the other, whose home is
    # known to be elsewhere, a visitor.
    ("Kenyan Foreign Minister Hassan Okello held talks with his Ugandan counterpart Jomo "
     "Kariuki in Nairobi on Wednesday.", D(2024, 4, 3), "visit",
     {("Jomo Kariuki", "Nairobi", "KE", "occurred")}),
    ("Kenyan Foreign Minister Hassan Okello held talks with his Ugandan counterpart Jomo "
     "Kariuki in Geneva on Wednesday.", D(2024, 4, 3), "visit",
     {("Hassan Okello", "Geneva", "CH", "occurred"), ("Jomo Kariuki", "Geneva", "CH",
                                                     "occurred")}),
    # Runners and chief executives travel, but not on this product's business.
    ("Kenyan runner Jomo Kariuki flew to Berlin ahead of Sunday's marathon.", D(2024, 5, 15),
     "visit", set()),
    ("Carmaker chief executive Greta Lind visited Beijing on Sunday.", D(2024, 5, 15),
     "visit", set()),
    ("No one was hurt in the blast, the ministry said.", D(2024, 5, 15), "casualty",
     {("wounded", 0, None)}),
    # "by X" that the parser hangs on the airport is the welcome's agent.
    ("President Samuel Kiprono arrived in Kampala on Wednesday. Kiprono was welcomed at "
     "Entebbe airport by Ugandan Foreign Minister Jomo Kariuki Okot.", D(2024, 5, 15),
     "meeting", {(("Jomo Kariuki Okot", "Samuel Kiprono"), "Kampala", "occurred",
                  "in_person")}),
    # Who speaks to a gathering by video is not there.
    ("President Samuel Kiprono, speaking by video link from Nairobi, told the conference in "
     "Munich that the war must end.", D(2024, 5, 15), "visit", set()),
    ("Leaders gathered in Kampala on Monday for a regional summit. President Samuel Kiprono "
     "told the summit by video link that the war must end.", D(2024, 5, 15), "visit", set()),
    # A double office split by the parser ("Deputy Prime Minister and Foreign Minister X")
    # still makes X the one "she" refers to.
    ("Deputy Prime Minister and Foreign Minister Lina Sok wrapped up a visit to Hanoi on "
     "Thursday, during which she met Vice President Tran Minh.", D(2024, 8, 8), "meeting",
     {(("Lina Sok", "Tran Minh"), "Hanoi", "occurred", "in_person")}),
    # A verb whose object is the journey puts the traveller at its "in" place.
    ("Kenyan Foreign Minister Amina Wekesa began a regional tour in Kigali on Saturday before "
     "heading to Bujumbura.", D(2024, 6, 12), "visit",
     {("Amina Wekesa", "Kigali", "RW", "occurred"),
      ("Amina Wekesa", "Bujumbura", "BI", "occurred")}),
    ("Ugandan President Samuel Kiprono wrapped up his tour in Lusaka on Friday.",
     D(2024, 6, 12), "visit", {("Samuel Kiprono", "Lusaka", "ZM", "occurred")}),
    ("The White House announced the trip in Washington on Monday.", D(2024, 6, 12), "visit",
     set()),
    # Talks told after "before" keep the tense of the clause they follow.
    ("On Saturday President Samuel Kiprono is scheduled to address parliament before flying "
     "on to Rwanda for talks with President Jomo Kariuki.", D(2024, 6, 12), "meeting",
     {(("Jomo Kariuki", "Samuel Kiprono"), None, "planned", "in_person")}),
    ("President Samuel Kiprono addressed parliament on Saturday before flying on to Rwanda "
     "for talks with President Jomo Kariuki.", D(2024, 6, 12), "meeting",
     {(("Jomo Kariuki", "Samuel Kiprono"), None, "occurred", "in_person")}),
    # Whoever a count counts, the metric after them is its metric.
    ("Twelve fishermen are missing after their boat capsized off Senegal.", D(2024, 6, 12),
     "casualty", {("missing", 12, None)}),
    ("Five tanks were lost in the battle.", D(2024, 6, 12), "casualty", set()),
    # "and later met B": B is the one met, wherever the parser puts it.
    ("Kenyan President Samuel Kiprono held talks with Ethiopian Prime Minister Abiy Tesfaye "
     "and later met African Union Commission chairperson Mahmoud Ali Youssouf.",
     D(2024, 6, 12), "meeting",
     {(("Abiy Tesfaye", "Samuel Kiprono"), None, "occurred", "in_person"),
      (("Mahmoud Ali Youssouf", "Samuel Kiprono"), None, "occurred", "in_person")}),
    # A call that is the setting of what was agreed took place; what was agreed is ahead.
    ("In a phone call on Wednesday, Kenyan President Samuel Kiprono and his Ugandan "
     "counterpart Jomo Kariuki agreed to reopen the border crossing.", D(2024, 6, 12),
     "meeting", {(("Jomo Kariuki", "Samuel Kiprono"), None, "occurred", "phone")}),
    ("Kenyan President Samuel Kiprono and his Ugandan counterpart Jomo Kariuki agreed to "
     "meet in Kampala next month.", D(2024, 6, 12), "meeting",
     {(("Jomo Kariuki", "Samuel Kiprono"), "Kampala", "planned", "in_person")}),
    # The names after "his counterparts from X and Y," are the counterparts.
    ("Kenyan Foreign Minister Amina Wekesa met separately with her counterparts from Uganda "
     "and Rwanda, Jomo Kariuki and Aline Mukamana.", D(2024, 6, 12), "meeting",
     {(("Amina Wekesa", "Jomo Kariuki"), None, "occurred", "in_person"),
      (("Aline Mukamana", "Amina Wekesa"), None, "occurred", "in_person")}),
    # Hopes, looking forward and a headline's infinitive speak of what is to come.
    ("Kenyan President Samuel Kiprono is hoping to meet Ugandan President Jomo Kariuki "
     "during the summit.", D(2024, 6, 12), "meeting",
     {(("Jomo Kariuki", "Samuel Kiprono"), None, "possible", "in_person")}),
    ("Kenyan President Samuel Kiprono said he looked forward to meeting Ugandan President "
     "Jomo Kariuki.", D(2024, 6, 12), "meeting",
     {(("Jomo Kariuki", "Samuel Kiprono"), None, "planned", "in_person")}),
    ("Kenyan President Samuel Kiprono is looking forward to his visit to Kampala.",
     D(2024, 6, 12), "visit", {("Samuel Kiprono", "Kampala", "UG", "planned")}),
    ("Kenyan President Samuel Kiprono to meet Ugandan President Jomo Kariuki in Kampala",
     D(2024, 6, 12), "meeting",
     {(("Jomo Kariuki", "Samuel Kiprono"), "Kampala", "planned", "in_person")}),
    # A sentence that opens on its scene puts its subject there (told as done).
    ("In Geneva, Kenyan Foreign Minister Amina Wekesa urged donors to give more.",
     D(2024, 6, 12), "visit", {("Amina Wekesa", "Geneva", "CH", "occurred")}),
    ("In Moscow, officials rejected the proposal.", D(2024, 6, 12), "visit", set()),
    ("In Nairobi, Kenyan Foreign Minister Amina Wekesa urged donors to give more.",
     D(2024, 6, 12), "visit", set()),
    # A host receives in their own country when the text gives no place; an ambassador
    # received where they serve made no trip.
    ("Kenyan President Samuel Kiprono is hosting Ugandan President Jomo Kariuki this week.",
     D(2024, 6, 12), "visit", {("Jomo Kariuki", None, "KE", "occurred")}),
    ("Kenyan President Samuel Kiprono hosted Ugandan Ambassador Jane Akello in Nairobi on "
     "Monday.", D(2024, 6, 12), "visit", set()),
    ("Kenyan President Samuel Kiprono received Ugandan Ambassador Jane Akello on Monday.",
     D(2024, 6, 12), "visit", set()),
    # "An estimated" is a qualifier, not who estimated.
    ("An estimated 150,000 people have fled fighting in North Kivu in the past month.",
     D(2024, 6, 12), "casualty", {("displaced", 150_000, "about")}),
    # Days spent somewhere are a stay there; a clock is not.
    ("Kenyan President Samuel Kiprono spent three days in Tokyo.", D(2024, 6, 12), "visit",
     {("Samuel Kiprono", "Tokyo", "JP", "occurred")}),
    ("Argentine President Javier Moreno returned to Buenos Aires on Friday after a week in "
     "Madrid.", D(2024, 6, 12), "visit", {("Javier Moreno", "Madrid", "ES", "occurred")}),
    ("Kenyan President Samuel Kiprono spent Tuesday morning in meetings.", D(2024, 6, 12),
     "visit", set()),
    # Givers who "each" pledged a sum gave it each; a fund names whom it is for.
    ("Qatar and Kuwait each pledged $50 million to the reconstruction fund for Lebanon.",
     D(2024, 6, 12), "aid", {("Qatar", "Lebanon", 50_000_000, "USD", "pledged"),
                             ("Kuwait", "Lebanon", 50_000_000, "USD", "pledged")}),
    ("Qatar and Kuwait pledged $100 million for Lebanon.", D(2024, 6, 12), "aid",
     {("Qatar", "Lebanon", 100_000_000, "USD", "pledged")}),
    # A meeting planned for the day after an arrival, with no other stop told between, is
    # in the city of the arrival.
    ("Ethiopian Prime Minister Abiy Tesfaye arrived in Nairobi on Wednesday. Tesfaye and "
     "President Samuel Kiprono are expected to sign three agreements on Thursday.",
     D(2024, 6, 12), "meeting",
     {(("Abiy Tesfaye", "Samuel Kiprono"), "Nairobi", "planned", "in_person")}),
    ("Ethiopian Prime Minister Abiy Tesfaye arrived in Nairobi on Wednesday. He will fly to "
     "Kampala on Thursday. Tesfaye and President Jomo Kariuki are expected to sign three "
     "agreements on Thursday.", D(2024, 6, 12), "meeting",
     {(("Abiy Tesfaye", "Jomo Kariuki"), "Kampala", "planned", "in_person")}),
    # Who sends someone stays where they are; a visit being arranged has its destination.
    ("Kenyan President Samuel Kiprono sent troops to Somalia.", D(2024, 6, 12), "visit",
     set()),
    ("Kenyan President Samuel Kiprono sent his foreign minister to Kampala.", D(2024, 6, 12),
     "visit", set()),
    ("Kenyan President Samuel Kiprono sent Foreign Minister Amina Wekesa to Kampala.",
     D(2024, 6, 12), "visit", {("Amina Wekesa", "Kampala", "UG", "occurred")}),
    ("Officials are working to arrange a visit by Kenyan President Samuel Kiprono to Kampala.",
     D(2024, 6, 12), "visit", {("Samuel Kiprono", "Kampala", "UG", "possible")}),
    # "Sheikh" inside a name is part of it.
    ("Kenyan Foreign Minister Amina Wekesa met Somali Foreign Minister Ahmed Sheikh Ali in "
     "Nairobi on Monday.", D(2024, 6, 12), "meeting",
     {(("Ahmed Sheikh Ali", "Amina Wekesa"), "Nairobi", "occurred", "in_person")}),
    # The titles of every country's offices are titles: the Irish head of government too.
    ("Taoiseach Niamh Corrigan arrived in Lagos on Friday.", D(2024, 6, 12), "visit",
     {("Niamh Corrigan", "Lagos", "NG", "occurred")}),
]

BUGS = [
    # A trip called off in a sentence that names a place but no traveller cancels the plan
    # (the mark of the call-off once broke the rule on such a sentence).
    ("Foreign Minister Ines Varga will travel to Hanoi on Friday. The trip was called off "
     "because of floods in Vietnam.", D(2024, 3, 5), "visit",
     {("Ines Varga", "Hanoi", "VN", "cancelled")}),
    ("NAIROBI, Kenya (AP) — Chinese Foreign Minister Wang Yi said on Monday that trade would "
     "grow.", D(2025, 1, 6), "visit", {("Wang Yi", "Nairobi", "KE", "occurred")}),
    ("WASHINGTON — Secretary of State Antony Blinken said on Monday that talks would go on.",
     D(2024, 1, 8), "visit", set()),
    ("Besides Zelensky, the American President also met Olena Zelenska at the palace in Kyiv.",
     D(2023, 2, 21), "meeting",
     {(("Joe Biden", "Olena Zelenska"), "Kyiv", "occurred", "in_person")}),
    ("Paying his fifth visit to Kyiv, Blinken dropped by a restaurant.", D(2024, 9, 11),
     "visit", {("Antony Blinken", "Kyiv", "UA", "occurred")}),
    ("Lammy And Blinken Set To Tour Ukraine", D(2024, 9, 10), "visit",
     {("David Lammy", None, "UA", "planned"), ("Antony Blinken", None, "UA", "planned")}),
    ("The finance minister presented a $45 billion budget to parliament on Tuesday.",
     D(2024, 3, 12), "aid", set()),
    ("Exports to China rose to $12.3 billion last year, the statistics office said.",
     D(2024, 3, 12), "aid", set()),
    ("Manchester City beat Real Madrid 3-1 in Madrid on Wednesday.", D(2024, 3, 12), "visit",
     set()),
    # figures that count no people hurt or displaced are no casualty facts (events issue)
    ("About 1.4 million of the enclave's 2.3 million people have fled their homes, the UN "
     "said.", D(2023, 10, 23), "casualty", {("displaced", 1_400_000, "about")}),
    ("Twenty-five ambulances were destroyed and 12 hospitals were put out of service.",
     D(2023, 10, 23), "casualty", set()),
    ("Two border crossings into the territory reopened on Monday.", D(2023, 10, 23),
     "casualty", set()),
    # "where" after "in Riyadh on Saturday" is Riyadh, not the day the parser hangs it on
    # (the sample showed the talks in the next city of the trip).
    ("The presidential jet is due in Lusaka on Saturday, where President Samuel Kiprono will "
     "hold talks with President Jomo Kariuki.", D(2024, 6, 12), "meeting",
     {(("Jomo Kariuki", "Samuel Kiprono"), "Lusaka", "planned", "in_person")}),
]

GROUPS = {"seeds": SEEDS, "dev": DEV, "samples": SAMPLES, "unseen": UNSEEN, "bugs": BUGS}

# sentence -> why the engine misses it today.
KNOWN_MISSES: dict[str, str] = {
    "Kenyan Foreign Minister Hassan Okello held talks with his Ugandan counterpart Jomo "
    "Kariuki in Geneva on Wednesday.":
        "only the subject is placed by the talks; the counterpart is made a visitor only "
        "where the other party is at home, since a place the parser hangs on a nearby "
        "clause would otherwise put both in the wrong city",
    "Lammy And Blinken Set To Tour Ukraine":
        "a headline in title case: the parser reads 'Set' as a name and finds no verb",
    "About 1.4 million of the enclave's 2.3 million people have fled their homes, the UN said.":
        "the population after the possessive is read as the displaced count and the share "
        "before it is lost; the events layer sets the population aside (casualty_set_aside)",
}
