package vn.dvk.registration.campaign;

import org.springframework.data.mongodb.repository.MongoRepository;

interface Campaigns extends MongoRepository<Campaign, String> {
}
