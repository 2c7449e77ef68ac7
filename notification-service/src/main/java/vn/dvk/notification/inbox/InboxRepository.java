package vn.dvk.notification.inbox;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

interface InboxRepository extends MongoRepository<InboxItem, String> {

    /** The unit's inbox: its items that no person holds. */
    Page<InboxItem> findByUnitCodeAndUsernameIsNull(String unitCode, Pageable pageable);

    Page<InboxItem> findByUsername(String username, Pageable pageable);

    Page<InboxItem> findByUsernameAndRead(String username, boolean read, Pageable pageable);

    long countByUsernameAndRead(String username, boolean read);
}
