"""Texts in two writers' styles, for the writing-style tests."""

# One writer's habits: a lowercase "i", ellipses, "to be brutally frank", British spellings.
DISTINCTIVE_EARLIER = (
    "so to be brutally frank... i was asked to organise the handover for the whole "
    "organisation and nobody told me the deadline had moved... i only found out from a "
    "calendar invite. to be brutally frank i think my lead should have said something... "
    "i ended up staying late every night that week and i honestly feel taken for granted. "
    "anyway... when i brought it up at our catch-up she said i should have asked sooner, "
    "which, fine, maybe... but i did ask, twice, in writing. i am not someone who moans "
    "about workload, i just want to know what the plan is before i organise my week around "
    "it... and to be brutally frank i am tired of finding out last."
)
DISTINCTIVE_DRAFT = (
    "ok so to be brutally frank... i was asked to organise the offsite for the organisation "
    "and then the budget got cut... i had already booked the venue. i told my manager i "
    "would not cancel it myself and to be brutally frank i think that was fair... now she "
    "says i was difficult. the thing is... i did what i was asked, and i flagged the cost "
    "twice, in writing. i am not someone who makes a fuss, i just think whoever cut the "
    "budget should make the call... and to be brutally frank i am tired of being the one "
    "who cleans up."
)
# Plain, varied workplace prose by others: each stranger's case joins four passages.
PASSAGES = [
    "My manager asked me to take over a project from a colleague who left. The documentation "
    "was thin and the deadline is in two weeks. I said I needed more time and she was annoyed.",
    "During a retrospective I pointed out that our release process keeps failing on Fridays. "
    "A senior engineer took it personally and has been curt with me since.",
    "We hired a contractor to help with the migration. He bills far more hours than we agreed, "
    "and when I raised it with finance they said it was not my business.",
    "I declined a meeting invite because it clashed with my focus block. The organiser "
    "escalated to my director, who asked me to be more flexible with my calendar.",
    "Our team lead gives feedback only in public channels. I asked him to send it privately "
    "instead, and he said that transparency matters more than comfort.",
    "A new hire keeps asking me questions that are answered in the onboarding guide. I sent "
    "her the link twice and now she thinks I am unfriendly.",
    "The product manager changed the scope of the feature after we had finished the design. "
    "I refused to start again without a written request, and she went to my boss.",
    "I was on call during a holiday weekend and missed an alert because my phone was on "
    "silent. The incident review named me, and I feel it was unfair.",
    "A peer presented an analysis I had done as her own work in the quarterly review. When I "
    "mentioned it afterwards she said we had worked on it together.",
    "My skip level asked me to rate my teammates in a survey. I gave honest answers and one "
    "of them found out what I said, and now the team is tense.",
    "The hiring panel wanted to reject a candidate for reasons I thought were unfair. I "
    "objected in the debrief and the recruiter said I was slowing the process down.",
    "I told a customer that the bug would be fixed next week because my manager said so. It "
    "was not, and the customer complained that I had lied to them.",
]


ORDINARY = [" ".join(PASSAGES[(i + k) % len(PASSAGES)] for k in range(4)) for i in range(12)]
